namespace Omnia.Core.Segments;

/// <summary>
/// One problem in a segment definition: where (a JSON path such as <c>condition.and[1].event.count.op</c>, or
/// <c>$</c> for the whole document) and what to do about it.
/// </summary>
public sealed record SegmentError(string Path, string Message)
{
    /// <summary><c>condition.or: needs at least one condition</c>.</summary>
    public override string ToString() => $"{Path}: {Message}";
}
