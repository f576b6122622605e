namespace Omnia.Core.Demo;

/// <summary>
/// Where a demo customer lives: locale, time zone and the fictional phone ranges reserved for
/// drama and documentation there (NANP 555-01XX, Ofcom's drama ranges).
/// </summary>
internal sealed record City(
    string Name,
    string Country,
    string Locale,
    string TimeZone,
    int UtcOffsetMinutes,
    IReadOnlyList<PhoneRange> PhoneRanges,
    Store? HomeStore);
