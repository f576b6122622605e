namespace Omnia.Core.Attribution;

/// <summary>One arc of a Markov model's transition matrix. A state is a window of touches written
/// <c>a &gt; b</c>; the start and the two absorbing states have the names below (ChannelAttribution's).</summary>
public sealed record MarkovTransition(string From, string To, double Probability)
{
    public const string Start = "(start)";
    public const string Conversion = "(conversion)";
    public const string Null = "(null)";
}
