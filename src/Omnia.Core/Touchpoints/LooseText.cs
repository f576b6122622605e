namespace Omnia.Core.Touchpoints;

/// <summary>
/// Compares the free-text codes people type into tags and context fields — "Paid-Social", "paid_social",
/// "paid social" — as equal: case, '-', '_' and ' ' do not matter, surrounding spaces are ignored.
/// </summary>
internal static class LooseText
{
    public static bool AreEqual(ReadOnlySpan<char> left, ReadOnlySpan<char> right)
    {
        left = left.Trim();
        right = right.Trim();
        if (left.Length != right.Length)
            return false;
        for (var i = 0; i < left.Length; i++)
        {
            var a = Fold(left[i]);
            var b = Fold(right[i]);
            if (a != b)
                return false;
        }
        return true;
    }

    public static bool EqualsAny(ReadOnlySpan<char> value, IReadOnlyList<string> candidates)
    {
        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates[i] is { } candidate && AreEqual(value, candidate))
                return true;
        }
        return false;
    }

    private static char Fold(char c) => c is '-' or ' ' ? '_' : char.ToLowerInvariant(c);
}
