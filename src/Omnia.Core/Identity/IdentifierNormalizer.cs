using System.Collections.Frozen;

namespace Omnia.Core.Identity;

/// <summary>
/// Turns identifier values as they arrive (SDK calls, CSV imports, CRM fields) into the canonical form
/// the identity graph joins on, and rejects junk values that would otherwise merge strangers — an SDK
/// sending <c>"undefined"</c> as every visitor's user id would make them all one profile.
/// </summary>
public static class IdentifierNormalizer
{
    /// <summary>Longest identifier value kept; longer values are rejected rather than truncated.</summary>
    public const int MaxLength = 256;

    private static readonly FrozenSet<string> Junk = new[]
    {
        "null", "undefined", "0", "-1", "anonymous", "unknown", "none", "n/a", "nan", "[object object]", "guest",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// True when <paramref name="value"/> is not a real identifier: null or blank, a well-known junk value
    /// (<c>"null"</c>, <c>"undefined"</c>, <c>"guest"</c>, …), made only of zeros, dashes and spaces
    /// (the nil GUID), or listed in <paramref name="extraBlocked"/>. Compared trimmed and case-insensitively;
    /// the extra set is probed with the trimmed value and its lower-case form.
    /// </summary>
    public static bool IsBlocked(string? value, IReadOnlySet<string>? extraBlocked = null)
    {
        if (string.IsNullOrWhiteSpace(value))
            return true;
        var trimmed = value.Trim();
        if (Junk.Contains(trimmed) || IsOnlyZerosDashesAndSpaces(trimmed))
            return true;
        return extraBlocked is { Count: > 0 }
            && (extraBlocked.Contains(trimmed) || extraBlocked.Contains(trimmed.ToLowerInvariant()));
    }

    /// <summary>
    /// Trims and lower-cases an email address and checks its basic shape (one <c>@</c>, a non-empty local
    /// part, a dotted domain, no spaces). Returns null when it is not an address. Provider-specific
    /// rewriting such as removing dots from Gmail addresses is not done: it is lossy.
    /// </summary>
    public static string? NormalizeEmail(string? raw)
    {
        if (raw is null)
            return null;
        var email = raw.Trim().ToLowerInvariant();
        if (email.Length > MaxLength)
            return null;
        var at = email.IndexOf('@');
        if (at <= 0 || at != email.LastIndexOf('@'))
            return null;
        var domain = email.AsSpan(at + 1);
        if (domain.Length < 3 || domain[0] == '.' || domain[^1] == '.' || !domain.Contains('.') || domain.Contains("..", StringComparison.Ordinal))
            return null;
        foreach (var c in email)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
                return null;
        }
        return email;
    }

    /// <summary>
    /// Converts a phone number to E.164 (<c>+</c> then 8–15 digits). Accepts spaces, dashes, dots, slashes,
    /// parentheses, and a leading <c>+</c>, <c>00</c> or the region's own international prefix; a national
    /// number gets <paramref name="defaultRegion"/>'s calling code and loses its trunk prefix
    /// (GB <c>020 7946 0958</c> → <c>+442079460958</c>). Returns null for letters, extensions, unknown
    /// regions (national numbers only) and implausible lengths.
    /// </summary>
    public static string? NormalizePhone(string? raw, string defaultRegion = "US") =>
        PhoneNumbers.ToE164(raw, defaultRegion);

    /// <summary>
    /// Normalises a value of the given identifier type: emails and phones as above, every other type
    /// trimmed. Returns null for blocked values and values longer than <see cref="MaxLength"/>.
    /// </summary>
    public static string? Normalize(string type, string? raw, string defaultRegion, IReadOnlySet<string>? extraBlocked = null)
    {
        if (IsBlocked(raw, extraBlocked))
            return null;
        var value = type switch
        {
            IdentifierTypes.Email => NormalizeEmail(raw),
            IdentifierTypes.Phone => NormalizePhone(raw, defaultRegion),
            _ => raw!.Trim(),
        };
        if (value is null || value.Length > MaxLength || IsBlocked(value, extraBlocked))
            return null;
        return value;
    }

    /// <summary>
    /// The canonical spelling of an identifier type: trimmed, lower-case, whitespace replaced by
    /// <c>_</c> (Segment's <c>"CRM ID"</c> → <c>crm_id</c>). Returns an empty string for null.
    /// </summary>
    public static string NormalizeType(string? type)
    {
        if (type is null)
            return "";
        var canonical = type.Trim().ToLowerInvariant();
        return canonical.Any(char.IsWhiteSpace)
            ? new string(canonical.Select(c => char.IsWhiteSpace(c) ? '_' : c).ToArray())
            : canonical;
    }

    private static bool IsOnlyZerosDashesAndSpaces(string value)
    {
        foreach (var c in value)
        {
            if (c != '0' && c != '-' && !char.IsWhiteSpace(c))
                return false;
        }
        return true;
    }
}
