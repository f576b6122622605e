namespace Omnia.Core.Attribution;

/// <summary>The fields of one CSV record; valid until the next record is read.</summary>
internal readonly ref struct CsvFields
{
    private readonly ReadOnlySpan<char> _text;
    private readonly Range[] _ranges;

    public CsvFields(ReadOnlySpan<char> text, Range[] ranges, int count)
    {
        _text = text;
        _ranges = ranges;
        Count = count;
    }

    public int Count { get; }

    public ReadOnlySpan<char> this[int index] => _text[_ranges[index]];
}
