using System.Collections.Frozen;

namespace Omnia.Core.Identity;

/// <summary>
/// The dialling-plan facts needed to turn a national number into E.164: the country calling code, the
/// trunk prefix dialled before national numbers ("0" in most of Europe, "1" in North America, none in
/// Spain or Italy), the international dialling prefix, and the plausible length range of the national
/// significant number (the part after the calling code).
/// </summary>
internal readonly record struct PhoneRegion(
    string CallingCode, string TrunkPrefix, string InternationalPrefix, int MinNationalLength, int MaxNationalLength)
{
    public bool FitsNationalLength(int length) => length >= MinNationalLength && length <= MaxNationalLength;
}

/// <summary>
/// Converts phone numbers as people type them into E.164 (<c>+</c> and 8–15 digits). Deliberately small:
/// a table of common regions rather than a full numbering-plan database, so the lengths are permissive
/// plausibility bounds, not validation of assigned ranges.
/// </summary>
internal static class PhoneNumbers
{
    private const int MinE164Digits = 8;
    private const int MaxE164Digits = 15;
    private const int MaxInputDigits = 32;

    public static readonly FrozenDictionary<string, PhoneRegion> Regions = new Dictionary<string, PhoneRegion>
    {
        ["US"] = new("1", "1", "011", 10, 10),
        ["CA"] = new("1", "1", "011", 10, 10),
        ["MX"] = new("52", "", "00", 10, 10),
        ["BR"] = new("55", "0", "00", 10, 11),
        ["AR"] = new("54", "0", "00", 10, 11),
        ["GB"] = new("44", "0", "00", 7, 10),
        ["IE"] = new("353", "0", "00", 7, 10),
        ["DE"] = new("49", "0", "00", 6, 13),
        ["FR"] = new("33", "0", "00", 9, 9),
        ["ES"] = new("34", "", "00", 9, 9),
        ["IT"] = new("39", "", "00", 6, 11),
        ["PT"] = new("351", "", "00", 9, 9),
        ["NL"] = new("31", "0", "00", 9, 9),
        ["BE"] = new("32", "0", "00", 8, 9),
        ["LU"] = new("352", "", "00", 6, 11),
        ["CH"] = new("41", "0", "00", 9, 9),
        ["AT"] = new("43", "0", "00", 7, 13),
        ["SE"] = new("46", "0", "00", 7, 10),
        ["NO"] = new("47", "", "00", 8, 8),
        ["DK"] = new("45", "", "00", 8, 8),
        ["FI"] = new("358", "0", "00", 6, 11),
        ["PL"] = new("48", "", "00", 9, 9),
        ["CZ"] = new("420", "", "00", 9, 9),
        ["GR"] = new("30", "", "00", 10, 10),
        ["RO"] = new("40", "0", "00", 9, 9),
        ["HU"] = new("36", "06", "00", 8, 9),
        ["TR"] = new("90", "0", "00", 10, 10),
        ["RU"] = new("7", "8", "810", 10, 10),
        ["IL"] = new("972", "0", "00", 8, 9),
        ["AE"] = new("971", "0", "00", 8, 9),
        ["ZA"] = new("27", "0", "00", 9, 9),
        ["IN"] = new("91", "0", "00", 10, 10),
        ["CN"] = new("86", "0", "00", 9, 11),
        ["HK"] = new("852", "", "001", 8, 8),
        ["JP"] = new("81", "0", "010", 9, 10),
        ["KR"] = new("82", "0", "001", 8, 10),
        ["SG"] = new("65", "", "000", 8, 8),
        ["MY"] = new("60", "0", "00", 8, 10),
        ["PH"] = new("63", "0", "00", 8, 10),
        ["AU"] = new("61", "0", "0011", 9, 9),
        ["NZ"] = new("64", "0", "00", 8, 10),
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    // Calling codes are prefix-free, so the first 1-, 2- or 3-digit match is the code. Regions sharing a
    // code (US/CA) share the facts used here.
    private static readonly FrozenDictionary<string, PhoneRegion> ByCallingCode = Regions.Values
        .GroupBy(r => r.CallingCode)
        .ToFrozenDictionary(g => g.Key, g => g.First());

    public static string? ToE164(string? raw, string defaultRegion)
    {
        if (raw is null)
            return null;
        var text = raw.AsSpan().Trim();
        var international = text.StartsWith('+');
        if (international)
            text = text[1..];

        Span<char> buffer = stackalloc char[MaxInputDigits];
        var count = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                if (count == MaxInputDigits)
                    return null;
                buffer[count++] = c;
            }
            else if (!(char.IsWhiteSpace(c) || c is '-' or '.' or '(' or ')' or '/'))
            {
                return null; // letters, extensions, a second '+', anything we cannot read safely
            }
        }
        ReadOnlySpan<char> digits = buffer[..count];
        if (digits.IsEmpty)
            return null;

        var known = Regions.TryGetValue(defaultRegion ?? "", out var region);
        if (!international)
        {
            if (known && digits.StartsWith(region.InternationalPrefix))
            {
                digits = digits[region.InternationalPrefix.Length..];
                international = true;
            }
            else if (digits.StartsWith("00"))
            {
                digits = digits[2..];
                international = true;
            }
        }

        if (international)
            return FromInternational(digits);
        return known ? FromNational(digits, region) : null;
    }

    private static string? FromInternational(ReadOnlySpan<char> digits)
    {
        if (digits.IsEmpty || digits[0] == '0')
            return null;
        for (var length = 1; length <= 3 && length < digits.Length; length++)
        {
            if (!ByCallingCode.TryGetValue(digits[..length].ToString(), out var region))
                continue;
            // "+44 (0)20 7946 0958": a trunk prefix written after the calling code is never dialled.
            // Only "0…" trunk prefixes are stripped: no national number starts with 0 in those plans.
            var national = digits[length..];
            if (region.TrunkPrefix.StartsWith('0') && national.StartsWith(region.TrunkPrefix))
                return E164(digits[..length], national[region.TrunkPrefix.Length..]);
            break;
        }
        return E164([], digits);
    }

    private static string? FromNational(ReadOnlySpan<char> digits, PhoneRegion region)
    {
        var code = region.CallingCode.AsSpan();
        var trunk = region.TrunkPrefix.AsSpan();
        if (!trunk.IsEmpty && digits.StartsWith(trunk) && region.FitsNationalLength(digits.Length - trunk.Length))
            return E164(code, digits[trunk.Length..]);
        var startsWithTrunkZero = trunk.StartsWith("0") && digits[0] == '0';
        if (!startsWithTrunkZero && region.FitsNationalLength(digits.Length))
            return E164(code, digits);
        // Stored without the '+' but with the calling code, e.g. "447700900123" for a GB number.
        if (digits.StartsWith(code) && region.FitsNationalLength(digits.Length - code.Length))
            return E164(code, digits[code.Length..]);
        return null;
    }

    private static string? E164(ReadOnlySpan<char> code, ReadOnlySpan<char> national)
    {
        var total = code.Length + national.Length;
        if (total is < MinE164Digits or > MaxE164Digits || national.IsEmpty)
            return null;
        return string.Concat("+", code, national);
    }
}
