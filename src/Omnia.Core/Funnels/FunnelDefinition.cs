using Omnia.Core.Segments;

namespace Omnia.Core.Funnels;

/// <summary>
/// A saved funnel: a name, its steps, window and order (<see cref="FunnelSpec"/>), and optionally a survey for its
/// dropouts: <c>{"version":1,"name":"Checkout","steps":[{"name":"Product Viewed"},{"name":"Order Completed"}],
/// "within":"7d","order":"strict"}</c>.
/// </summary>
public sealed record FunnelDefinition(string Slug, string Name, string? Description, FunnelSpec Spec, FunnelSurvey? Survey)
{
    /// <summary>The format version this code reads and writes.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The event property names the funnel reads (its steps', and its survey's answers).</summary>
    public IEnumerable<string> PropertyNames() =>
        Survey is null ? Spec.PropertyNames() : [.. Spec.PropertyNames(), FunnelSurvey.SurveyProperty, FunnelSurvey.AnswerProperty];

    /// <summary>Reads and checks a funnel for <paramref name="slug"/>; every problem comes with its JSON path.</summary>
    public static FunnelParseResult Parse(string json, string slug) => FunnelJsonReader.Read(json, slug);

    /// <summary>Reads saved funnels (a JSON array, each with its <c>slug</c>).</summary>
    /// <exception cref="FormatException">A saved funnel no longer reads.</exception>
    public static IReadOnlyList<FunnelDefinition> ParseList(string json) => FunnelJsonReader.ReadList(json);

    /// <summary>The funnel as JSON with its slug, in the form <see cref="Parse"/> reads back to an equal funnel.</summary>
    public string ToJson(bool indented = false) => FunnelJsonWriter.Write(this, indented);

    /// <summary>Funnels as one JSON array.</summary>
    public static string ToJson(IEnumerable<FunnelDefinition> funnels) => "[" + string.Join(",", funnels.Select(f => f.ToJson())) + "]";

    /// <summary>
    /// The segment condition that holds the people who started this funnel in [<paramref name="from"/>,
    /// <paramref name="to"/>) and reached step <paramref name="droppedAfter"/> but not the next (exactly those the report counts).
    /// </summary>
    public FunnelCondition DropoutCondition(int droppedAfter, DateTimeOffset? from, DateTimeOffset? to) =>
        new(Spec, droppedAfter, new BetweenWindow(from, to));
}

/// <summary>Either a funnel or every problem that keeps a document from being one.</summary>
public sealed record FunnelParseResult(FunnelDefinition? Funnel, IReadOnlyList<SegmentError> Errors)
{
    public bool IsValid => Funnel is not null;
}
