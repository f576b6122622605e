using Omnia.Core.Profiles;

namespace Omnia.Core.Segments;

/// <summary>A built-in computed trait (<see cref="ComputedTraits"/>): its kind and how it is evaluated.</summary>
internal abstract class BuiltInTrait(string name, ComputedKind kind, bool optional)
{
    public string Name { get; } = name;

    public ComputedKind Kind { get; } = kind;

    /// <summary>Whether some profiles have no value, so exists and notExists apply (dates and text always allow them).</summary>
    public bool Optional { get; } = optional;

    /// <summary>A condition's answer at <paramref name="at"/> and its exact next change (the <see cref="ConditionNode"/> contract).</summary>
    public abstract Outcome Test(in EvaluationScope scope, DateTimeOffset at, ComputedTest test);

    /// <summary>The value at <paramref name="at"/> and when time alone next changes it.</summary>
    public abstract ComputedTraitResult Value(in EvaluationScope scope, DateTimeOffset at);
}

/// <summary>
/// A trait read from the profile that time alone does not change (a date may still enter or leave a relative
/// range). Typed readers, so comparing a number or date allocates nothing.
/// </summary>
internal sealed class ProfileTrait : BuiltInTrait
{
    private readonly Func<ProfileState, RfmBreakpoints, decimal?>? _number;
    private readonly Func<ProfileState, string?>? _text;
    private readonly Func<ProfileState, DateTimeOffset?>? _date;

    private ProfileTrait(string name, ComputedKind kind, bool optional, Func<ProfileState, RfmBreakpoints, decimal?>? number,
        Func<ProfileState, string?>? text, Func<ProfileState, DateTimeOffset?>? date)
        : base(name, kind, optional)
    {
        (_number, _text, _date) = (number, text, date);
    }

    public static ProfileTrait Number(string name, bool optional, Func<ProfileState, RfmBreakpoints, decimal?> read) =>
        new(name, ComputedKind.Number, optional, read, null, null);

    public static ProfileTrait Text(string name, Func<ProfileState, string?> read) => new(name, ComputedKind.Text, true, null, read, null);

    public static ProfileTrait Date(string name, Func<ProfileState, DateTimeOffset?> read) => new(name, ComputedKind.Date, true, null, null, read);

    public override Outcome Test(in EvaluationScope scope, DateTimeOffset at, ComputedTest test)
    {
        var profile = scope.Profile;
        if (_number is not null)
            return Outcome.Forever(test.Value!.MatchesNumber(_number(profile, scope.Audience.Rfm)));
        if (_text is not null)
            return Outcome.Forever(test.Value!.MatchesText(_text(profile)));
        var date = _date!(profile);
        if (test.Value is { } valueTest)
            return Outcome.Forever(valueTest.MatchesDate(date));
        return date is { } d ? RelativeDate.Evaluate(test.Op, test.Span, d, at) : Outcome.Forever(false);
    }

    public override ComputedTraitResult Value(in EvaluationScope scope, DateTimeOffset at)
    {
        var profile = scope.Profile;
        object? value = _number is not null ? _number(profile, scope.Audience.Rfm) : _text is not null ? _text(profile) : _date!(profile);
        return new ComputedTraitResult(value, null);
    }
}

/// <summary>
/// A trait of the whole days since a profile date (the last order, the last event): the day count
/// <c>floor((now − date) / 24h)</c>, 0 while the date is in the future, steps up by one at each day boundary
/// <c>date + n days</c>. The value (the count itself, or a score or label of it) is constant between the
/// boundaries where it or a condition's answer can change, so trying those in order finds the exact next change.
/// </summary>
/// <param name="ofDays">The value for a day count; null when the profile has none.</param>
/// <param name="isDayCount">The value is the day count itself, so its changes come from the condition's numbers;
/// otherwise it is a function of the recency score, which changes only at the RFM recency thresholds.</param>
internal sealed class DayCountTrait(
    string name,
    ComputedKind kind,
    Func<ProfileState, DateTimeOffset?> anchor,
    Func<long, ProfileState, RfmBreakpoints, object?> ofDays,
    bool isDayCount)
    : BuiltInTrait(name, kind, optional: true)
{
    /// <summary>Past this many days (about 11,000 years) nothing changes within DateTimeOffset's range.</summary>
    private const long MaxDays = 4_000_000;

    public override Outcome Test(in EvaluationScope scope, DateTimeOffset at, ComputedTest test)
    {
        var valueTest = test.Value!;
        var profile = scope.Profile;
        var rfm = scope.Audience.Rfm;
        if (anchor(profile) is not { } since)
            return Outcome.Forever(valueTest.MatchesComputed(Kind, null));
        var days = Days(since, at);
        var holds = valueTest.MatchesComputed(Kind, ofDays(days, profile, rfm));
        var boundaries = isDayCount ? valueTest.Numbers.SelectMany(DayCountsWhereComparisonsTurn) : RecencyTurns(rfm);
        foreach (var day in boundaries.Where(d => d > days).Order())
        {
            if (valueTest.MatchesComputed(Kind, ofDays(day, profile, rfm)) != holds)
                return new Outcome(holds, DayStart(since, day));
        }
        return Outcome.Forever(holds);
    }

    public override ComputedTraitResult Value(in EvaluationScope scope, DateTimeOffset at)
    {
        var profile = scope.Profile;
        var rfm = scope.Audience.Rfm;
        if (anchor(profile) is not { } since)
            return new ComputedTraitResult(null, null);
        var days = Days(since, at);
        var value = ofDays(days, profile, rfm);
        IEnumerable<long> boundaries = isDayCount ? [days + 1] : RecencyTurns(rfm);
        foreach (var day in boundaries.Where(d => d > days).Order())
        {
            if (!Equals(ofDays(day, profile, rfm), value))
                return new ComputedTraitResult(value, DayStart(since, day));
        }
        return new ComputedTraitResult(value, null);
    }

    /// <summary>Whole days from <paramref name="since"/> to <paramref name="at"/>, rounded down; 0 before it.</summary>
    private static long Days(DateTimeOffset since, DateTimeOffset at) =>
        at <= since ? 0 : (at.UtcTicks - since.UtcTicks) / TimeSpan.TicksPerDay;

    /// <summary>The instant the day count reaches <paramref name="day"/>, or null (never) past the end of time.</summary>
    private static DateTimeOffset? DayStart(DateTimeOffset since, long day) =>
        TimeMath.AddOrNever(since, TimeSpan.FromTicks(day * TimeSpan.TicksPerDay));

    /// <summary>
    /// The whole day counts at which a comparison with <paramref name="number"/> can turn: gte and lt turn at
    /// ⌈x⌉, gt and lte at ⌊x⌋ + 1, equals at both.
    /// </summary>
    private static IEnumerable<long> DayCountsWhereComparisonsTurn(decimal number)
    {
        if (number < 0 || number > MaxDays)
            return [];
        return [(long)Math.Ceiling(number), (long)Math.Floor(number) + 1];
    }

    /// <summary>The day counts at which the recency score steps down: the first whole day past each threshold.</summary>
    private static IEnumerable<long> RecencyTurns(RfmBreakpoints rfm) =>
        rfm.RecencyDays.Where(t => t <= MaxDays).Select(t => (long)Math.Floor(t) + 1);
}
