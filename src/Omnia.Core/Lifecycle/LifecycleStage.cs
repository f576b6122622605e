namespace Omnia.Core.Lifecycle;

/// <summary>
/// Where a person is in their relationship with the brand, lowest to highest. The JSON names are in
/// parentheses (<see cref="LifecycleStages"/>).
/// </summary>
public enum LifecycleStage
{
    /// <summary>(<c>awareness</c>) Has been seen at least once; the fallback when no rule matches.</summary>
    Awareness,

    /// <summary>(<c>consideration</c>) Shows buying interest.</summary>
    Consideration,

    /// <summary>(<c>conversion</c>) Has bought.</summary>
    Conversion,

    /// <summary>(<c>loyalty</c>) Buys again, and recently.</summary>
    Loyalty,

    /// <summary>(<c>advocacy</c>) Recommends the brand to others.</summary>
    Advocacy,
}

/// <summary>The JSON names of <see cref="LifecycleStage"/>, both ways.</summary>
public static class LifecycleStages
{
    /// <summary>Every stage name, lowest stage first, in the order errors list them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["awareness", "consideration", "conversion", "loyalty", "advocacy"];

    /// <summary>The JSON name of <paramref name="stage"/>: <c>loyalty</c>.</summary>
    public static string Name(LifecycleStage stage) => Names[(int)stage];

    /// <summary>Reads a stage name (exact, case-sensitive); false for anything else.</summary>
    public static bool TryParse(string? name, out LifecycleStage stage)
    {
        for (var i = 0; i < Names.Count; i++)
        {
            if (string.Equals(Names[i], name, StringComparison.Ordinal))
            {
                stage = (LifecycleStage)i;
                return true;
            }
        }
        stage = default;
        return false;
    }
}
