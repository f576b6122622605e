using System.Globalization;
using Omnia.Core.Events;
using Omnia.Core.Profiles;
using Omnia.Core.Touchpoints;

namespace Omnia.Core.Personas;

/// <summary>
/// The named numeric features people are clustered on, in a fixed order: activity and value (counts on a log
/// scale), recency and tenure in days, identity and consent flags, age, the share of events per channel group,
/// then one affinity share per product category. Names are written for people ("Store share 3.1σ above average").
/// </summary>
/// <remarks>
/// Missing values: <see cref="Extract"/> returns <see cref="double.NaN"/> where a value is unknown or undefined:
/// <see cref="Age"/> without an <c>age</c> or <c>birthday</c> trait, and <see cref="AverageOrderValue"/> and
/// <see cref="DaysSinceLastOrder"/> for someone who never ordered. <see cref="PersonaTrainer"/> imputes the column
/// mean (of the people who have a value) and <see cref="PersonaModel.Assign(double[])"/> does the same, so a missing
/// value puts a person at the average and never pulls them towards a persona. Never ordering is already told by
/// <see cref="Orders"/>; leaving order recency undefined rather than "a year ago" keeps a lapsed buyer (last order
/// 60 days ago) distinguishable from recent buyers instead of looking recent next to everyone who never bought.
/// </remarks>
public static class PersonaFeatures
{
    /// <summary>Recency features are capped here, and "never" counts as this many days.</summary>
    public const double DayCap = 365;

    /// <summary>Tenure is capped here so a decade-old account does not dominate.</summary>
    public const double TenureCap = 730;

    /// <summary>How many features' worth of weight the category affinities share (see <see cref="Weights"/>).</summary>
    public const double CategoryBlockWeight = 2;

    /// <summary>log(1 + events).</summary>
    public const string Events = "Events (log)";

    /// <summary>log(1 + orders).</summary>
    public const string Orders = "Orders (log)";

    /// <summary>log(1 + revenue).</summary>
    public const string Revenue = "Revenue (log)";

    /// <summary>Revenue per order; missing (NaN) without orders.</summary>
    public const string AverageOrderValue = "Average order value";

    /// <summary>Orders per event: how often activity turns into a purchase.</summary>
    public const string OrdersPerEvent = "Orders per event";

    /// <summary>Product-category events (views, adds, orders) per event, capped at 1: how much of the activity is shopping.</summary>
    public const string ProductEventsPerEvent = "Product events per event";

    /// <summary>Days since the last event, capped at <see cref="DayCap"/> (and <see cref="DayCap"/> without events).</summary>
    public const string DaysSinceLastSeen = "Days since last seen";

    /// <summary>Days since the last order, capped at <see cref="DayCap"/>; missing (NaN) when never.</summary>
    public const string DaysSinceLastOrder = "Days since last order";

    /// <summary>Days since the first event, capped at <see cref="TenureCap"/>.</summary>
    public const string TenureDays = "Tenure days";

    /// <summary>1 when the profile has an email, phone or user id trait, else 0.</summary>
    public const string Identified = "Identified";

    /// <summary>1 when subscribed to email, else 0.</summary>
    public const string EmailOptIn = "Email opt-in";

    /// <summary>1 when subscribed to SMS, else 0.</summary>
    public const string SmsOptIn = "SMS opt-in";

    /// <summary>1 when subscribed to push, else 0.</summary>
    public const string PushOptIn = "Push opt-in";

    /// <summary>Years, from an <c>age</c> trait or a <c>birthday</c> trait (yyyy-MM-dd); NaN when neither is present.</summary>
    public const string Age = "Age";

    /// <summary>Share of events from direct visits and app sessions without a campaign.</summary>
    public const string DirectShare = "Direct share";

    /// <summary>Share of events from organic search.</summary>
    public const string OrganicSearchShare = "Organic search share";

    /// <summary>Share of events from paid search.</summary>
    public const string PaidSearchShare = "Paid search share";

    /// <summary>Share of events from organic social.</summary>
    public const string SocialShare = "Social share";

    /// <summary>Share of events from paid social.</summary>
    public const string PaidSocialShare = "Paid social share";

    /// <summary>Share of events from display, video, affiliate, TV and direct mail.</summary>
    public const string OtherPaidShare = "Display & affiliate share";

    /// <summary>Share of events from referrals.</summary>
    public const string ReferralShare = "Referral share";

    /// <summary>Share of events on email (opens, clicks, visits from email): email engagement.</summary>
    public const string EmailShare = "Email share";

    /// <summary>Share of events on SMS.</summary>
    public const string SmsShare = "SMS share";

    /// <summary>Share of events on push and in-app messages.</summary>
    public const string PushShare = "Push & in-app share";

    /// <summary>Share of events in stores.</summary>
    public const string StoreShare = "Store share";

    /// <summary>Share of events with support or by phone.</summary>
    public const string SupportShare = "Support share";

    /// <summary>Share of events on other or unknown channels.</summary>
    public const string OtherChannelShare = "Other channel share";

    private static readonly (string Feature, string[] Channels)[] ChannelGroups =
    [
        (DirectShare, [Channels.Direct]),
        (OrganicSearchShare, [Channels.OrganicSearch]),
        (PaidSearchShare, [Channels.PaidSearch]),
        (SocialShare, [Channels.Social]),
        (PaidSocialShare, [Channels.PaidSocial]),
        (OtherPaidShare, [Channels.Display, Channels.Video, Channels.Affiliate, Channels.Tv, Channels.DirectMail]),
        (ReferralShare, [Channels.Referral]),
        (EmailShare, [Channels.Email]),
        (SmsShare, [Channels.Sms]),
        (PushShare, [Channels.Push, Channels.InApp]),
        (StoreShare, [Channels.Store]),
        (SupportShare, [Channels.Support, Channels.Phone]),
        (OtherChannelShare, [Channels.Other]),
    ];

    private static readonly Dictionary<string, int> GroupOfChannel = ChannelGroups
        .SelectMany((group, index) => group.Channels.Select(channel => (channel, index)))
        .ToDictionary(x => x.channel, x => x.index, StringComparer.Ordinal);

    private static readonly string[] IdentityTraits = ["email", "phone", "userId", "user_id"];

    /// <summary>The features every model has, in order; category affinities follow them.</summary>
    public static IReadOnlyList<string> Fixed { get; } =
    [
        Events, Orders, Revenue, AverageOrderValue, OrdersPerEvent, ProductEventsPerEvent, DaysSinceLastSeen, DaysSinceLastOrder, TenureDays,
        Identified, EmailOptIn, SmsOptIn, PushOptIn, Age, .. ChannelGroups.Select(g => g.Feature),
    ];

    private static readonly int FirstChannelFeature = Fixed.Count - ChannelGroups.Length;

    /// <summary>
    /// How much each feature counts in distances once standardised: 1, except the category affinities, which
    /// together count as much as <see cref="CategoryBlockWeight"/> features (each √(block / categories)) so that
    /// adding categories does not drown behaviour in taste.
    /// </summary>
    public static double[] Weights(IReadOnlyList<string> categories)
    {
        ArgumentNullException.ThrowIfNull(categories);
        var weights = new double[Fixed.Count + categories.Count];
        Array.Fill(weights, 1.0, 0, Fixed.Count);
        Array.Fill(weights, Math.Sqrt(CategoryBlockWeight / Math.Max(1, categories.Count)), Fixed.Count, categories.Count);
        return weights;
    }

    /// <summary>The feature for a product category: its share of the person's category events.</summary>
    public static string CategoryFeature(string category) => $"{category} affinity";

    /// <summary>All feature names for a model over <paramref name="categories"/>: <see cref="Fixed"/>, then one per category.</summary>
    public static IReadOnlyList<string> Names(IReadOnlyList<string> categories)
    {
        ArgumentNullException.ThrowIfNull(categories);
        return [.. Fixed, .. categories.Select(CategoryFeature)];
    }

    /// <summary>
    /// The feature vector of one person, in the order of <see cref="Names"/>. Pure: <paramref name="now"/> is
    /// the moment recency and tenure are measured from.
    /// </summary>
    public static double[] Extract(PersonaInput input, DateTimeOffset now, IReadOnlyList<string> categories)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(categories);
        var p = input.Profile;
        var f = new double[Fixed.Count + categories.Count];
        double events = Math.Max(0, p.EventCount), orders = Math.Max(0, p.OrderCount), revenue = Math.Max(0, (double)p.Revenue);
        f[0] = Math.Log(1 + events);
        f[1] = Math.Log(1 + orders);
        f[2] = Math.Log(1 + revenue);
        f[3] = orders > 0 ? revenue / orders : double.NaN;
        f[4] = events > 0 ? Math.Min(1, orders / events) : 0;
        long productEvents = AddCategoryShares(input.CategoryCounts, categories, f.AsSpan(Fixed.Count));
        f[5] = events > 0 ? Math.Min(1, productEvents / events) : 0;
        f[6] = p.LastSeen == DateTimeOffset.MinValue ? DayCap : DaysBetween(p.LastSeen, now, DayCap);
        f[7] = p.LastOrderAt is { } lastOrder && orders > 0 ? DaysBetween(lastOrder, now, DayCap) : double.NaN;
        f[8] = p.FirstSeen == DateTimeOffset.MaxValue ? 0 : DaysBetween(p.FirstSeen, now, TenureCap);
        f[9] = IsIdentified(p) ? 1 : 0;
        f[10] = Subscribed(p, "email");
        f[11] = Subscribed(p, "sms");
        f[12] = Subscribed(p, "push");
        f[13] = AgeOf(p, now);
        AddChannelShares(p.ChannelCounts, f.AsSpan(FirstChannelFeature, ChannelGroups.Length));
        return f;
    }

    private static double DaysBetween(DateTimeOffset from, DateTimeOffset now, double cap) =>
        Math.Clamp((now - from).TotalDays, 0, cap);

    private static bool IsIdentified(ProfileState p)
    {
        foreach (var name in IdentityTraits)
        {
            if (p.Traits.TryGetValue(name, out var trait) && trait.Value.Kind is EventValueKind.String or EventValueKind.Number
                && !(trait.Value.Kind == EventValueKind.String && string.IsNullOrWhiteSpace(trait.Value.String)))
            {
                return true;
            }
        }

        return false;
    }

    private static double Subscribed(ProfileState p, string channel) =>
        p.Consent.TryGetValue(channel, out var consent) && consent.Subscribed ? 1 : 0;

    private static double AgeOf(ProfileState p, DateTimeOffset now)
    {
        if (p.Traits.TryGetValue("age", out var age))
        {
            var value = age.Value;
            if (value.TryGetDouble(out var years)
                || value.Kind == EventValueKind.String && double.TryParse(value.String, NumberStyles.Float, CultureInfo.InvariantCulture, out years))
            {
                return years is >= 0 and <= 120 ? years : double.NaN;
            }
        }

        if (p.Traits.TryGetValue("birthday", out var birthday) && birthday.Value.Kind == EventValueKind.String
            && DateOnly.TryParseExact(birthday.Value.String, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var born))
        {
            var years = (DateOnly.FromDateTime(now.UtcDateTime).DayNumber - born.DayNumber) / 365.25;
            return years is >= 0 and <= 120 ? years : double.NaN;
        }

        return double.NaN;
    }

    private static void AddChannelShares(Dictionary<string, int> counts, Span<double> shares)
    {
        long total = 0;
        foreach (var (channel, count) in counts)
        {
            if (count > 0)
            {
                total += count;
                shares[GroupOfChannel.GetValueOrDefault(channel, ChannelGroups.Length - 1)] += count;
            }
        }

        for (int i = 0; total > 0 && i < shares.Length; i++)
        {
            shares[i] /= total;
        }
    }

    /// <summary>Fills each category's share of all category events and returns that total.</summary>
    private static long AddCategoryShares(IReadOnlyDictionary<string, int> counts, IReadOnlyList<string> categories, Span<double> shares)
    {
        long total = 0;
        foreach (var (_, count) in counts)
        {
            total += Math.Max(0, count);
        }

        for (int i = 0; total > 0 && i < categories.Count; i++)
        {
            shares[i] = Math.Max(0, counts.GetValueOrDefault(categories[i])) / (double)total;
        }

        return total;
    }
}
