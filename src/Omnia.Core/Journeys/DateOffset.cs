using Omnia.Core.Segments;

namespace Omnia.Core.Journeys;

/// <summary>
/// A shift before or after a date, written <c>-7d</c>, <c>2d</c>, <c>-12h</c>; <see cref="None"/> when left out. Applied
/// to the local wall clock, so <c>-7d</c> at 09:00 stays at 09:00 across a daylight-saving change.
/// </summary>
public readonly record struct DateOffset(bool Before, SegmentDuration Length)
{
    /// <summary>No shift.</summary>
    public static DateOffset None => default;

    /// <summary>Whether this is <see cref="None"/>.</summary>
    public bool IsNone => Length.Amount == 0;

    /// <summary><paramref name="length"/> before the date (<c>-7d</c>).</summary>
    public static DateOffset BeforeBy(SegmentDuration length) => new(true, length);

    /// <summary><paramref name="length"/> after the date (<c>7d</c>).</summary>
    public static DateOffset AfterBy(SegmentDuration length) => new(false, length);

    /// <summary>The signed shift.</summary>
    public TimeSpan ToTimeSpan() => IsNone ? TimeSpan.Zero : Before ? -Length.ToTimeSpan() : Length.ToTimeSpan();

    /// <summary><c>-7d</c> or <c>7d</c>; empty for <see cref="None"/>.</summary>
    public override string ToString() => IsNone ? "" : (Before ? "-" : "") + Length;

    /// <summary>Reads <c>-7d</c>, <c>+7d</c> or <c>7d</c>; the length is not range-checked here.</summary>
    internal static bool TryParse(string? text, out DateOffset offset, out string? lengthText)
    {
        offset = default;
        lengthText = null;
        if (string.IsNullOrEmpty(text))
            return false;
        var before = text[0] == '-';
        lengthText = text[0] is '-' or '+' ? text[1..] : text;
        if (!SegmentDuration.TryParse(lengthText, out var length))
            return false;
        offset = new DateOffset(before, length);
        return true;
    }
}
