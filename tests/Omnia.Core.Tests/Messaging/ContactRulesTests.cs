using Omnia.Core.Messaging;
using Omnia.Core.Profiles;
using Omnia.Core.Segments;

namespace Omnia.Core.Tests.Messaging;

public class ContactRulesTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly DateTimeOffset T0 = new(2025, 6, 2, 12, 0, 0, TimeSpan.Zero);

    private static readonly IReadOnlyDictionary<string, ConsentState> AllConsent = new Dictionary<string, ConsentState>
    {
        ["email"] = new(true, T0.AddYears(-1), "trait email_opt_in"),
        ["sms"] = new(true, T0.AddYears(-1), "trait sms_opt_in"),
        ["push"] = new(true, T0.AddYears(-1), "trait push_opt_in"),
    };

    private static ContactPolicy Policy(string json)
    {
        var result = ContactPolicy.Parse(json);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Policy;
    }

    private static ContactRequest Request(string channel, DateTimeOffset at, TimeZoneInfo? zone = null, params SentMessage[] history) => new()
    {
        WorkspaceId = 1,
        ProfileId = 7,
        Channel = channel,
        At = at,
        Consent = AllConsent,
        History = history,
        TimeZone = zone ?? TimeZoneInfo.Utc,
    };

    [Fact]
    public void One_email_per_day_counts_calendar_days_in_the_profiles_time_zone_not_the_last_24_hours()
    {
        var policy = Policy("""{"version":1,"caps":[{"channel":"email","max":1,"days":1}]}""");
        var lateYesterday = new DateTimeOffset(2025, 6, 1, 23, 50, 0, TimeSpan.FromHours(-4));
        var earlyToday = new DateTimeOffset(2025, 6, 2, 0, 5, 0, TimeSpan.FromHours(-4));

        Assert.Equal(ContactOutcome.SendNow, Decide(policy, Request("email", lateYesterday.AddMinutes(20), NewYork, new SentMessage("email", lateYesterday))).Outcome);
        var capped = Decide(policy, Request("email", earlyToday.AddHours(23), NewYork, new SentMessage("email", earlyToday)));
        Assert.Equal((ContactOutcome.Suppressed, ContactReasons.FrequencyCap), (capped.Outcome, capped.Reason));
        Assert.Equal("1 email message already sent today (cap: 1 email per day)", capped.Message);
        Assert.Equal(ContactOutcome.SendNow, Decide(policy, Request("sms", earlyToday.AddHours(1), NewYork, new SentMessage("email", earlyToday))).Outcome);
    }

    [Fact]
    public void A_cap_across_all_channels_counts_every_channel_and_its_window_is_whole_calendar_days()
    {
        var policy = Policy("""{"version":1,"caps":[{"max":3,"days":7}]}""");
        var now = new DateTimeOffset(2025, 6, 8, 9, 0, 0, TimeSpan.Zero);
        SentMessage[] sends = [new("email", new(2025, 6, 2, 0, 1, 0, TimeSpan.Zero)), new("sms", now.AddDays(-3)), new("push", now.AddHours(-1))];

        var capped = Decide(policy, Request("email", now, null, sends));
        Assert.Equal(ContactReasons.FrequencyCap, capped.Reason);
        Assert.Equal("3 messages already sent in the last 7 days (cap: 3 messages per 7 days)", capped.Message);
        sends[0] = new("email", new(2025, 6, 1, 23, 59, 0, TimeSpan.Zero));
        Assert.Equal(ContactOutcome.SendNow, Decide(policy, Request("email", now, null, sends)).Outcome);
    }

    [Fact]
    public void A_seven_day_window_across_the_spring_clock_change_is_seven_calendar_days_in_the_zone()
    {
        var policy = Policy("""{"version":1,"caps":[{"max":3,"days":7}]}""");
        var firstSend = new DateTimeOffset(2025, 3, 24, 0, 30, 0, TimeSpan.FromHours(1)); // 23 March 23:30 UTC
        var now = new DateTimeOffset(2025, 3, 30, 23, 30, 0, TimeSpan.FromHours(2));      // 6 days 22 hours later
        SentMessage[] sends = [new("email", firstSend), new("email", now.AddDays(-2)), new("sms", now.AddDays(-1))];

        Assert.Equal(ContactReasons.FrequencyCap, Decide(policy, Request("push", now, Berlin, sends)).Reason);
        Assert.Equal(ContactOutcome.SendNow, Decide(policy, Request("push", now, TimeZoneInfo.Utc, sends)).Outcome);
    }

    [Fact]
    public void On_the_25_hour_autumn_day_a_send_24_hours_earlier_is_still_today()
    {
        var policy = Policy("""{"version":1,"caps":[{"channel":"push","max":1,"days":1}]}""");
        var morning = new DateTimeOffset(2025, 10, 26, 0, 30, 0, TimeSpan.FromHours(2));
        var evening = new DateTimeOffset(2025, 10, 26, 23, 30, 0, TimeSpan.FromHours(1));
        Assert.Equal(TimeSpan.FromHours(24), evening - morning);

        Assert.Equal(ContactReasons.FrequencyCap, Decide(policy, Request("push", evening, Berlin, new SentMessage("push", morning))).Reason);
    }

    [Fact]
    public void Transactional_sends_do_not_count_towards_caps_and_later_sends_are_ignored()
    {
        var policy = Policy("""{"version":1,"caps":[{"channel":"email","max":1,"days":1}]}""");

        var decision = Decide(policy, Request("email", T0, null, new SentMessage("email", T0.AddHours(-1), Transactional: true), new SentMessage("email", T0.AddMinutes(5))));

        Assert.Equal(ContactOutcome.SendNow, decision.Outcome);
    }

    [Fact]
    public void Quiet_hours_defer_a_message_to_their_end_on_the_profiles_clock()
    {
        var policy = Policy("""{"version":1,"quietHours":{"from":"21:00","to":"08:00","action":"defer"}}""");
        var lateEvening = new DateTimeOffset(2025, 1, 15, 23, 0, 0, TimeSpan.FromHours(1));
        var earlyMorning = new DateTimeOffset(2025, 1, 16, 6, 0, 0, TimeSpan.FromHours(1));

        var deferred = Decide(policy, Request("sms", lateEvening, Berlin));
        Assert.Equal((ContactOutcome.Defer, ContactReasons.QuietHours), (deferred.Outcome, deferred.Reason));
        Assert.Equal(new DateTimeOffset(2025, 1, 16, 7, 0, 0, TimeSpan.Zero), deferred.DeferUntil);
        Assert.Equal(deferred.DeferUntil, Decide(policy, Request("sms", earlyMorning, Berlin)).DeferUntil);
        Assert.Equal(ContactOutcome.SendNow, Decide(policy, Request("sms", deferred.DeferUntil!.Value, Berlin)).Outcome);
        Assert.Equal(ContactOutcome.SendNow, Decide(policy, Request("sms", new DateTimeOffset(2025, 1, 16, 20, 59, 0, TimeSpan.FromHours(1)), Berlin)).Outcome);
    }

    [Fact]
    public void Deferring_across_the_spring_clock_change_ends_at_eight_local_summer_time()
    {
        var policy = Policy("""{"version":1,"quietHours":{"from":"21:00","to":"08:00","action":"defer"}}""");

        var deferred = Decide(policy, Request("push", new DateTimeOffset(2025, 3, 29, 22, 0, 0, TimeSpan.FromHours(1)), Berlin));

        Assert.Equal(new DateTimeOffset(2025, 3, 30, 8, 0, 0, TimeSpan.FromHours(2)), deferred.DeferUntil);
    }

    [Fact]
    public void Quiet_hours_that_skip_suppress_and_apply_only_to_their_channels()
    {
        var policy = Policy("""{"version":1,"quietHours":{"from":"22:00","to":"07:30","action":"skip","channels":["sms","push"]}}""");
        var night = new DateTimeOffset(2025, 6, 2, 2, 0, 0, TimeSpan.FromHours(-4));

        var skipped = Decide(policy, Request("sms", night, NewYork));
        Assert.Equal((ContactOutcome.Suppressed, ContactReasons.QuietHours), (skipped.Outcome, skipped.Reason));
        Assert.Contains("within quiet hours 22:00–07:30 in America/New_York", skipped.Message);
        Assert.Equal(ContactOutcome.SendNow, Decide(policy, Request("email", night, NewYork)).Outcome);
        Assert.Equal(ContactOutcome.SendNow, Decide(policy, Request("sms", night, Berlin)).Outcome);
    }

    [Fact]
    public void A_transactional_message_bypasses_caps_quiet_hours_and_the_control_group()
    {
        var policy = Policy("""{"version":1,"caps":[{"max":1,"days":30}],"quietHours":{"from":"00:00","to":"23:59","action":"skip"},"controlGroup":{"percent":50}}""");
        var inControl = Enumerable.Range(1, 100).First(id => ControlGroup.Contains(1, id, 50));
        var request = Request("email", T0, null, new SentMessage("sms", T0.AddHours(-1))) with { ProfileId = inControl };

        Assert.Equal(ContactOutcome.Suppressed, Decide(policy, request).Outcome);
        Assert.Equal(ContactOutcome.SendNow, Decide(policy, request with { Transactional = true }).Outcome);
    }

    [Fact]
    public void Consent_is_never_bypassed_not_even_for_a_transactional_message()
    {
        var policy = ContactPolicy.Default;
        var unsubscribed = new Dictionary<string, ConsentState>(AllConsent) { ["email"] = new(false, T0.AddDays(-3), "event Email Unsubscribed") };
        var bounced = new Dictionary<string, ConsentState>(AllConsent) { ["email"] = new(false, T0.AddDays(-3), "hard bounce") };

        var refused = Decide(policy, Request("email", T0) with { Consent = unsubscribed, Transactional = true });
        Assert.Equal((ContactOutcome.Suppressed, ContactReasons.Unsubscribed), (refused.Outcome, refused.Reason));
        Assert.Equal("email consent withdrawn on 2025-05-30 (event Email Unsubscribed)", refused.Message);
        Assert.Equal(ContactReasons.HardBounce, Decide(policy, Request("email", T0) with { Consent = bounced, Transactional = true }).Reason);
        Assert.Equal(ContactReasons.NoConsent, Decide(policy, Request("sms", T0) with { Consent = new Dictionary<string, ConsentState>(), Transactional = true }).Reason);
    }

    [Fact]
    public void A_suppressed_address_is_never_sent_to_and_the_latest_suppression_names_the_reason()
    {
        var request = Request("email", T0) with
        {
            Transactional = true,
            Suppressions = [new("email", SuppressionReason.Unsubscribed, T0.AddDays(-9)), new("email", SuppressionReason.Complaint, T0.AddDays(-2)), new("sms", SuppressionReason.HardBounce, T0)],
        };

        var decision = Decide(ContactPolicy.Default, request);

        Assert.Equal((ContactOutcome.Suppressed, ContactReasons.Complaint), (decision.Outcome, decision.Reason));
        Assert.Equal("the email address was reported as spam on 2025-05-31 and is suppressed", decision.Message);
        Assert.Equal(ContactOutcome.SendNow, Decide(ContactPolicy.Default, request with { Channel = "push" }).Outcome);
    }

    [Fact]
    public void Opt_out_channels_send_without_a_record_and_in_app_needs_no_consent()
    {
        var policy = Policy("""{"version":1,"consent":{"sms":"optOut"}}""");
        var none = new Dictionary<string, ConsentState>();

        Assert.Equal(ContactOutcome.SendNow, Decide(policy, Request("sms", T0) with { Consent = none }).Outcome);
        Assert.Equal(ContactReasons.NoConsent, Decide(policy, Request("email", T0) with { Consent = none }).Reason);
        Assert.Equal(ContactOutcome.SendNow, Decide(policy, Request("in_app", T0) with { Consent = none }).Outcome);
        Assert.Equal(ContactReasons.NoAddress, Decide(policy, Request("sms", T0) with { HasAddress = false }).Reason);
    }

    [Fact]
    public void The_control_group_holds_out_a_stable_share_of_profiles_equal_to_the_segment_buckets_below_it()
    {
        var policy = Policy("""{"version":1,"controlGroup":{"percent":5}}""");
        var held = 0;
        for (long id = 1; id <= 20_000; id++)
        {
            var decision = Decide(policy, Request("email", T0) with { ProfileId = id });
            var inControl = decision.Reason == ContactReasons.ControlGroup;
            Assert.Equal(ProfileBucket.Of(1, id) < 500, inControl);
            if (inControl)
                held++;
        }
        Assert.InRange(held / 20_000.0, 0.044, 0.056);
    }

    private static ContactDecision Decide(ContactPolicy policy, ContactRequest request) => ContactRules.Decide(policy, request);
}
