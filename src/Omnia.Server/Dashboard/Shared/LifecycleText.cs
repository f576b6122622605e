using Omnia.Core.Lifecycle;

namespace Omnia.Server.Dashboard.Shared;

/// <summary>How the dashboard names and explains lifecycle stages (JSON names such as <c>loyalty</c>).</summary>
public static class LifecycleText
{
    /// <summary>"Loyalty" for <c>loyalty</c>.</summary>
    public static string Label(string stage) => stage.Length == 0 ? stage : char.ToUpperInvariant(stage[0]) + stage[1..];

    public static string Label(LifecycleStage stage) => Label(LifecycleStages.Name(stage));

    /// <summary>What a stage means under the default rules, in a few words.</summary>
    public static string Meaning(LifecycleStage stage) => stage switch
    {
        LifecycleStage.Awareness => "Seen at least once, nothing more yet",
        LifecycleStage.Consideration => "Shows buying interest",
        LifecycleStage.Conversion => "Has bought",
        LifecycleStage.Loyalty => "Buys again, and recently",
        _ => "Recommends the brand to others",
    };
}
