using System.Collections.Frozen;
using System.Text;

namespace Omnia.Core.Content;

/// <summary>How an SMS text will be sent.</summary>
public enum SmsEncoding
{
    /// <summary>GSM 03.38 7-bit default alphabet: 160 characters in one segment, 153 per segment when split.</summary>
    Gsm7,

    /// <summary>UCS-2 (UTF-16): 70 code units in one segment, 67 per segment when split.</summary>
    Ucs2,
}

/// <summary>
/// An SMS text measured as a carrier sends it. GSM-7 when every character is in the GSM 03.38 default alphabet or its
/// extension table (<c>^ { } \ [ ~ ] | €</c> and form feed, which take two septets each: an escape and the
/// character); otherwise UCS-2, where characters outside the Basic Multilingual Plane (most emoji) take two code
/// units. A text that fits one segment (160 septets, or 70 code units) is sent whole; a longer one is split into
/// segments of 153 septets (67 code units) because each carries a 6-byte concatenation header, and an escape pair or
/// a surrogate pair is never split across two segments.
/// </summary>
/// <param name="Units">Septets (GSM-7) or UTF-16 code units (UCS-2).</param>
/// <param name="NonGsmCharacters">The distinct characters that forced UCS-2, in order of first appearance.</param>
public sealed record SmsText(SmsEncoding Encoding, int Units, int Segments, IReadOnlyList<string> NonGsmCharacters)
{
    public const int Gsm7SingleSegment = 160;
    public const int Gsm7PerSegment = 153;
    public const int Ucs2SingleSegment = 70;
    public const int Ucs2PerSegment = 67;

    private const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private const string Extension = "\f^{}\\[~]|€";

    private static readonly FrozenSet<char> BasicSet = Basic.ToFrozenSet();
    private static readonly FrozenSet<char> ExtensionSet = Extension.ToFrozenSet();

    /// <summary>Common characters that force UCS-2 and the GSM-7 characters that read the same.</summary>
    private static readonly FrozenDictionary<string, string> Lookalikes = new Dictionary<string, string>
    {
        ["\u2018"] = "'", ["\u2019"] = "'", ["\u201C"] = "\"", ["\u201D"] = "\"", ["\u2013"] = "-", ["\u2014"] = "-",
        ["\u2026"] = "...", ["\u00A0"] = " ", ["\u00B4"] = "'", ["\u2022"] = "-",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Measures <paramref name="text"/>.</summary>
    public static SmsText Measure(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var nonGsm = new List<string>();
        foreach (var rune in text.EnumerateRunes())
        {
            var isGsm = rune.IsBmp && (BasicSet.Contains((char)rune.Value) || ExtensionSet.Contains((char)rune.Value));
            if (!isGsm && !nonGsm.Contains(rune.ToString()))
                nonGsm.Add(rune.ToString());
        }
        if (nonGsm.Count == 0)
        {
            var units = text.Sum(c => ExtensionSet.Contains(c) ? 2 : 1);
            return new SmsText(SmsEncoding.Gsm7, units, Count(text, Gsm7SingleSegment, Gsm7PerSegment, c => ExtensionSet.Contains(c) ? 2 : 1, units), []);
        }
        return new SmsText(SmsEncoding.Ucs2, text.Length, Count(text, Ucs2SingleSegment, Ucs2PerSegment, _ => 1, text.Length), nonGsm);
    }

    /// <summary>The GSM-7 stand-in for a character that forces UCS-2, when there is a common one (’ → ').</summary>
    public static string? GsmLookalike(string character) => Lookalikes.GetValueOrDefault(character);

    /// <summary>
    /// Segments needed: one when everything fits, otherwise segments filled up to <paramref name="perSegment"/> units,
    /// moving an escape pair (a 2-unit GSM character) or a surrogate pair whole to the next segment when it would straddle.
    /// </summary>
    private static int Count(string text, int single, int perSegment, Func<char, int> width, int total)
    {
        if (total == 0)
            return 0;
        if (total <= single)
            return 1;
        int segments = 1, used = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var units = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : width(text[i]);
            if (units == 2 && char.IsHighSurrogate(text[i]))
                i++;
            if (used + units > perSegment)
            {
                segments++;
                used = 0;
            }
            used += units;
        }
        return segments;
    }

    /// <summary><c>GSM-7, 161 characters, 2 segments</c>.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder(Encoding == SmsEncoding.Gsm7 ? "GSM-7" : "UCS-2");
        builder.Append(", ").Append(Units).Append(Encoding == SmsEncoding.Gsm7 ? " septets, " : " code units, ");
        builder.Append(Segments).Append(Segments == 1 ? " segment" : " segments");
        return builder.ToString();
    }
}
