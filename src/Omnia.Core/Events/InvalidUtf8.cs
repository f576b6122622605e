using System.Text.Unicode;

namespace Omnia.Core.Events;

/// <summary>Finds bytes that are not UTF-8, so that only the event holding them is rejected.</summary>
public static class InvalidUtf8
{
    /// <summary>Offsets of up to <paramref name="max"/> invalid sequences; empty when the text is valid (the common, vectorised case).</summary>
    public static IReadOnlyList<int> Find(ReadOnlySpan<byte> text, int max = 16)
    {
        if (Utf8.IsValid(text))
        {
            return [];
        }

        var offsets = new List<int>();
        int offset = 0;
        while (offset < text.Length && offsets.Count < max)
        {
            var status = System.Text.Rune.DecodeFromUtf8(text[offset..], out _, out int consumed);
            if (status != System.Buffers.OperationStatus.Done)
            {
                offsets.Add(offset);
            }

            offset += Math.Max(consumed, 1);
        }

        return offsets;
    }
}
