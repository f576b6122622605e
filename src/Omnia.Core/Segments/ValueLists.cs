namespace Omnia.Core.Segments;

/// <summary>Value equality for the lists inside definition records (records compare lists by reference).</summary>
internal static class ValueLists
{
    public static int Hash<T>(IReadOnlyList<T> items)
    {
        var hash = new HashCode();
        hash.Add(items.Count);
        foreach (var item in items)
            hash.Add(item);
        return hash.ToHashCode();
    }
}
