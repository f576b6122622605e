namespace Omnia.Core.Segments;

/// <summary>The JSON words of the definition format, both ways, and the lists errors show.</summary>
internal static class SegmentWords
{
    public static readonly string[] ConditionKinds =
        ["and", "or", "not", "trait", "event", "sequence", "segment", "consent", "computed", "bucket", "persona", "lifecycleStage", "funnel"];

    private static readonly (string Word, ComparisonOp Op)[] Comparisons =
    [
        ("equals", ComparisonOp.Equal), ("notEquals", ComparisonOp.NotEqual), ("contains", ComparisonOp.Contains),
        ("startsWith", ComparisonOp.StartsWith), ("in", ComparisonOp.In), ("exists", ComparisonOp.Exists),
        ("notExists", ComparisonOp.NotExists), ("gt", ComparisonOp.GreaterThan), ("gte", ComparisonOp.GreaterOrEqual),
        ("lt", ComparisonOp.LessThan), ("lte", ComparisonOp.LessOrEqual), ("withinLast", ComparisonOp.WithinLast),
        ("inNext", ComparisonOp.InNext), ("before", ComparisonOp.Before), ("after", ComparisonOp.After),
    ];

    public static readonly string[] ComparisonWords = Array.ConvertAll(Comparisons, c => c.Word);

    public static readonly string[] CountWords = ["atLeast", "atMost", "exactly"];

    public static readonly string[] AggregateWords = ["sum", "avg", "min", "max", "count"];

    public static readonly ComparisonOp[] AggregateOps =
    [
        ComparisonOp.Equal, ComparisonOp.NotEqual, ComparisonOp.GreaterThan, ComparisonOp.GreaterOrEqual,
        ComparisonOp.LessThan, ComparisonOp.LessOrEqual,
    ];

    /// <summary>The JSON names of <see cref="ComputedTraitFunction"/>, in enum order.</summary>
    public static readonly string[] ComputedTraitFunctionWords =
        ["count", "sum", "avg", "min", "max", "first", "last", "mostFrequent", "uniqueCount"];

    public static readonly string[] EventTypeWords = ["track", "page", "screen"];

    public static string Word(ComparisonOp op) => Array.Find(Comparisons, c => c.Op == op).Word;

    public static bool TryParse(string word, out ComparisonOp op)
    {
        foreach (var (w, o) in Comparisons)
        {
            if (w == word)
            {
                op = o;
                return true;
            }
        }
        op = default;
        return false;
    }

    public static string Word(CountOp op) => CountWords[(int)op];

    public static string Word(AggregateFunction function) => function switch
    {
        AggregateFunction.Sum => "sum",
        AggregateFunction.Average => "avg",
        AggregateFunction.Min => "min",
        AggregateFunction.Max => "max",
        _ => "count",
    };

    public static AggregateFunction AggregateFunctionOf(int index) => index switch
    {
        0 => AggregateFunction.Sum,
        1 => AggregateFunction.Average,
        2 => AggregateFunction.Min,
        3 => AggregateFunction.Max,
        _ => AggregateFunction.Count,
    };

    public static string Word(ComputedTraitFunction function) => ComputedTraitFunctionWords[(int)function];

    /// <summary>"a, b or c" for error messages.</summary>
    public static string OneOf(IEnumerable<string> words) => string.Join(", ", words);
}
