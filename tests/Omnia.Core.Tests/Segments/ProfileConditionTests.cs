using Omnia.Core.Profiles;
using Omnia.Core.Segments;

namespace Omnia.Core.Tests.Segments;

public class ProfileConditionTests
{
    private static readonly DateTimeOffset Now = Profiles.Now;

    [Theory]
    [InlineData(true, true, true)]
    [InlineData(false, true, false)]
    [InlineData(null, true, false)]
    [InlineData(false, false, true)]
    [InlineData(true, false, false)]
    [InlineData(null, false, false)]
    public void Consent_matches_the_latest_answer_for_the_channel(bool? consent, bool subscribed, bool expected)
    {
        var profile = Profiles.New().Consent("sms", !subscribed);
        if (consent is { } given)
            profile.Consent("email", given);

        var member = Segment.IsMember($$$"""{"consent":{"channel":"email","subscribed":{{{(subscribed ? "true" : "false")}}}}}""", profile.Build());

        Assert.Equal(expected, member);
    }

    [Fact]
    public void A_segment_condition_asks_the_callers_lookup()
    {
        var facts = Profiles.New().Build();
        var asked = new List<string>();

        var inVip = Segment.IsMember("""{"segment":"vip-customers"}""", facts, isMemberOf: slug => { asked.Add(slug); return true; });
        var notInChurned = Segment.IsMember("""{"not":{"segment":"churned"}}""", facts, isMemberOf: slug => { asked.Add(slug); return false; });

        Assert.True(inVip);
        Assert.True(notInChurned);
        Assert.Equal(["vip-customers", "churned"], asked);
    }

    [Fact]
    public void A_segment_condition_without_a_lookup_is_an_error_that_names_the_segment()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Segment.Evaluate("""{"segment":"vip-customers"}""", Profiles.New().Build()));

        Assert.Contains("vip-customers", error.Message);
    }

    [Fact]
    public void Once_a_part_of_an_and_fails_for_good_the_rest_is_not_evaluated()
    {
        var facts = Profiles.New().Trait("plan", "free").Build();
        var asked = 0;

        var member = Segment.IsMember("""{"and":[{"trait":{"name":"plan","op":"equals","value":"gold"}},{"segment":"vip-customers"}]}""",
            facts, isMemberOf: _ => ++asked > 0);

        Assert.False(member);
        Assert.Equal(0, asked);
    }

    [Theory]
    [InlineData("""{"name":"orderCount","op":"gte","value":3}""", true)]
    [InlineData("""{"name":"orderCount","op":"equals","value":4}""", false)]
    [InlineData("""{"name":"orderCount","op":"in","value":[1,3]}""", true)]
    [InlineData("""{"name":"revenue","op":"gt","value":249.99}""", true)]
    [InlineData("""{"name":"revenue","op":"notEquals","value":250}""", false)]
    [InlineData("""{"name":"eventCount","op":"lt","value":100}""", true)]
    [InlineData("""{"name":"firstSeen","op":"before","value":"2025-01-01"}""", true)]
    [InlineData("""{"name":"firstSeen","op":"gte","value":"2024-03-01"}""", true)]
    [InlineData("""{"name":"lastSeen","op":"after","value":"2025-06-01"}""", false)]
    [InlineData("""{"name":"lastOrderAt","op":"exists"}""", true)]
    [InlineData("""{"name":"lastOrderAt","op":"notExists"}""", false)]
    [InlineData("""{"name":"acquisitionChannel","op":"equals","value":"paid_search"}""", true)]
    [InlineData("""{"name":"acquisitionChannel","op":"startsWith","value":"PAID"}""", true)]
    [InlineData("""{"name":"acquisitionChannel","op":"contains","value":"social"}""", false)]
    [InlineData("""{"name":"acquisitionChannel","op":"in","value":["email","paid_search"]}""", true)]
    [InlineData("""{"name":"acquisitionChannel","op":"exists"}""", true)]
    public void A_computed_trait_compares_like_a_trait(string computed, bool expected)
    {
        var facts = Customer().Build();

        Assert.Equal(expected, Segment.IsMember($$"""{"computed":{{computed}}}""", facts));
    }

    [Theory]
    [InlineData("""{"name":"firstSeen","op":"exists"}""")]
    [InlineData("""{"name":"lastSeen","op":"withinLast","value":"3650d"}""")]
    [InlineData("""{"name":"lastOrderAt","op":"before","value":"2100-01-01"}""")]
    [InlineData("""{"name":"acquisitionChannel","op":"exists"}""")]
    [InlineData("""{"name":"acquisitionChannel","op":"equals","value":"direct"}""")]
    public void A_new_profile_has_no_dates_and_no_acquisition_channel(string computed)
    {
        Assert.False(Segment.IsMember($$"""{"computed":{{computed}}}""", Profiles.New().Build()));
    }

    [Fact]
    public void Last_seen_within_30_days_ends_30_days_after_the_last_visit()
    {
        var facts = Customer().Build();

        var result = Segment.Evaluate("""{"computed":{"name":"lastSeen","op":"withinLast","value":"30d"}}""", facts);

        Assert.Equal(new SegmentResult(true, Now.AddDays(-2).AddDays(30)), result);
    }

    [Fact]
    public void A_computed_date_in_next_days_works_like_a_trait_date()
    {
        var facts = Customer().Build();

        var result = Segment.Evaluate("""{"computed":{"name":"lastOrderAt","op":"inNext","value":"1d"}}""", facts);

        Assert.Equal(new SegmentResult(false, null), result);
    }

    [Fact]
    public void A_bucket_range_holds_the_profiles_whose_bucket_is_in_it()
    {
        var profile = Profiles.New(id: 12345, workspaceId: 3).Build();
        var bucket = ProfileBucket.Of(3, 12345);

        Assert.True(Segment.IsMember($$$"""{"bucket":{"from":{{{bucket}}},"to":{{{bucket}}}}}""", profile));
        Assert.True(Segment.IsMember("""{"bucket":{"from":0,"to":9999}}""", profile));
        Assert.False(Segment.IsMember($$$$"""{"not":{"bucket":{"from":{{{{bucket}}}},"to":{{{{bucket}}}}}}}""", profile));
    }

    private static Profiles Customer() => Profiles.New().With(p =>
    {
        p.OrderCount = 3;
        p.Revenue = 250m;
        p.EventCount = 57;
        p.FirstSeen = new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);
        p.LastSeen = Now.AddDays(-2);
        p.LastOrderAt = Now.AddDays(-9);
        p.Acquisition = new Acquisition("paid_search", "brand", "google", "cpc", p.FirstSeen);
    });
}
