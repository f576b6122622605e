namespace Omnia.Core.Demo;

/// <summary>
/// A block of fictional phone numbers: country code, area code and exchange, followed by a
/// line number from <see cref="FirstLine"/> to <see cref="LastLine"/> written with four digits.
/// </summary>
internal sealed record PhoneRange(string CountryCode, string AreaCode, string Exchange, int FirstLine, int LastLine)
{
    public PhoneNumber Number(int line, int style) => new(this, line, style);
}

/// <summary>
/// A phone number in the form the customer typed it (formats vary on purpose) and in E.164,
/// which is how SMS providers report it.
/// </summary>
internal sealed record PhoneNumber(PhoneRange Range, int Line, int Style)
{
    public string E164 => $"+{Range.CountryCode}{Range.AreaCode}{Range.Exchange}{Line:D4}";

    public string Display
    {
        get
        {
            var (a, x, l) = (Range.AreaCode, Range.Exchange, Line.ToString("D4", System.Globalization.CultureInfo.InvariantCulture));
            if (Range.CountryCode == "1")
            {
                return (Style % 5) switch
                {
                    0 => $"({a}) {x}-{l}",
                    1 => $"{a}-{x}-{l}",
                    2 => $"+1 {a} {x} {l}",
                    3 => $"{a}.{x}.{l}",
                    _ => E164,
                };
            }

            return (Style % 4) switch
            {
                0 => $"+{Range.CountryCode} {a} {x} {l}",
                1 => $"0{a} {x} {l}",
                2 => $"+{Range.CountryCode} (0){a} {x} {l}",
                _ => E164,
            };
        }
    }
}
