using System.Globalization;

namespace Omnia.Core.Segments;

/// <summary>The unit of a <see cref="SegmentDuration"/>.</summary>
public enum DurationUnit
{
    Minutes,
    Hours,
    Days,
}

/// <summary>
/// A length of time in a segment definition, written as a whole number and a unit: <c>30d</c>, <c>12h</c>,
/// <c>15m</c>. Kept as written (24h stays 24h) so a definition reads back the way a person wrote it.
/// </summary>
public readonly record struct SegmentDuration(int Amount, DurationUnit Unit)
{
    /// <summary>The longest duration a definition may use: ten years, written <c>3650d</c>.</summary>
    public const int MaxDays = 3650;

    /// <summary>The hint every duration error ends with.</summary>
    internal const string Hint = "use 30d, 12h or 15m";

    /// <summary><paramref name="amount"/> days (<c>30d</c>).</summary>
    public static SegmentDuration Days(int amount) => new(amount, DurationUnit.Days);

    /// <summary><paramref name="amount"/> hours (<c>12h</c>).</summary>
    public static SegmentDuration Hours(int amount) => new(amount, DurationUnit.Hours);

    /// <summary><paramref name="amount"/> minutes (<c>15m</c>).</summary>
    public static SegmentDuration Minutes(int amount) => new(amount, DurationUnit.Minutes);

    /// <summary>The length as a <see cref="TimeSpan"/> (a day is always 24 hours: instants, not calendar days).</summary>
    public TimeSpan ToTimeSpan() => TimeSpan.FromMinutes(TotalMinutes);

    /// <summary>The length in minutes; 64-bit, so even an amount of <see cref="int.MaxValue"/> days cannot overflow it.</summary>
    private long TotalMinutes => Unit switch
    {
        DurationUnit.Days => Amount * 1440L,
        DurationUnit.Hours => Amount * 60L,
        _ => Amount,
    };

    /// <summary>The definition text: <c>30d</c>, <c>12h</c>, <c>15m</c>.</summary>
    public override string ToString() =>
        Amount.ToString(CultureInfo.InvariantCulture) + Unit switch
        {
            DurationUnit.Days => "d",
            DurationUnit.Hours => "h",
            _ => "m",
        };

    /// <summary>Whether the amount is positive and at most <see cref="MaxDays"/> days long.</summary>
    public bool IsInRange => Amount > 0 && TotalMinutes <= MaxDays * 1440L;

    /// <summary>
    /// Reads <c>30d</c>, <c>12h</c> or <c>15m</c>: digits then one unit letter, nothing else. Range is not checked
    /// here (see <see cref="IsInRange"/>), so errors can say what is wrong.
    /// </summary>
    public static bool TryParse(string? text, out SegmentDuration duration)
    {
        duration = default;
        if (text is null || text.Length < 2)
            return false;
        DurationUnit unit;
        switch (text[^1])
        {
            case 'd': unit = DurationUnit.Days; break;
            case 'h': unit = DurationUnit.Hours; break;
            case 'm': unit = DurationUnit.Minutes; break;
            default: return false;
        }
        var digits = text.AsSpan(0, text.Length - 1);
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
                return false;
        }
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
            amount = int.MaxValue; // too many digits: still a duration, just out of range
        duration = new SegmentDuration(amount, unit);
        return true;
    }
}
