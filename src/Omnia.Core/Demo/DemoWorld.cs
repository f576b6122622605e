namespace Omnia.Core.Demo;

/// <summary>What every demo script shares: the window, the send calendar and the seed.</summary>
internal sealed class DemoWorld
{
    public DemoWorld(DemoOptions options)
    {
        Window = new DemoWindow(options.Now, options.Days);
        Calendar = new CampaignCalendar(Window);
        Seed = options.Seed;
    }

    public DemoWindow Window { get; }

    public CampaignCalendar Calendar { get; }

    public int Seed { get; }

    /// <summary>An independent random stream per customer, one for who they are and one for what they do.</summary>
    public DemoRandom RandomFor(int ordinal, bool profile) =>
        new(Seed, ((ulong)(uint)ordinal << 1) | (profile ? 1UL : 0UL));
}
