using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Omnia.Core.Events;

/// <summary>
/// Reads JSON string values as the UTF-8 bytes they are in the document, without allocating a string: for matching
/// ASCII tokens on the hot path (every event). Escape sequences are left as they are, so compare only with text that
/// needs no escaping.
/// </summary>
public static class Utf8Json
{
    /// <summary>The bytes of a JSON string value between its quotes; empty for anything that is not a string.</summary>
    public static ReadOnlySpan<byte> StringBytes(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
            return default;
        var raw = JsonMarshal.GetRawUtf8Value(value);
        return raw.Length >= 2 && raw[0] == (byte)'"' && raw[^1] == (byte)'"' ? raw[1..^1] : raw;
    }

    /// <summary>Whether <paramref name="text"/> contains <paramref name="needle"/>, ignoring ASCII case.</summary>
    public static bool ContainsIgnoreCase(ReadOnlySpan<byte> text, ReadOnlySpan<byte> needle)
    {
        if (needle.IsEmpty)
            return true;
        for (int i = 0; i + needle.Length <= text.Length; i++)
        {
            if (Ascii.EqualsIgnoreCase(text.Slice(i, needle.Length), needle))
                return true;
        }

        return false;
    }

    /// <summary>Whether <paramref name="text"/> ends with <paramref name="suffix"/>, ignoring ASCII case.</summary>
    public static bool EndsWithIgnoreCase(ReadOnlySpan<byte> text, ReadOnlySpan<byte> suffix) =>
        text.Length >= suffix.Length && Ascii.EqualsIgnoreCase(text[^suffix.Length..], suffix);
}
