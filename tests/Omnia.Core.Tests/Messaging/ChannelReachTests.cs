using System.Text.Json;
using Omnia.Core.Events;
using Omnia.Core.Identity;
using Omnia.Core.Messaging;
using Omnia.Core.Profiles;
using Omnia.Core.Touchpoints;

namespace Omnia.Core.Tests.Messaging;

public class ChannelReachTests
{
    private static readonly DateTimeOffset T0 = new(2025, 6, 2, 12, 0, 0, TimeSpan.Zero);

    private static ProfileState Profile(params (string Name, string Value)[] traits)
    {
        var state = new ProfileState { Id = 7, WorkspaceId = 1 };
        foreach (var (name, value) in traits)
            state.Traits[name] = new TraitValue(EventValue.Of(value), T0);
        return state;
    }

    private static void Apply(ProfileState profile, string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var at = DateTimeOffset.Parse(root.GetProperty("timestamp").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var type = root.GetProperty("type").GetString() == "identify" ? EventType.Identify : EventType.Track;
        var e = new LogEvent(1, 1, 1, Guid.NewGuid().ToString(), type, root.TryGetProperty("event", out var n) ? n.GetString() : null, "u1", null, at, at, json);
        ProfileProjector.Apply(profile, e, root, new Touchpoint(Channels.Direct, null, null, null, "direct"));
    }

    [Fact]
    public void The_sms_address_is_the_phone_trait_in_e164_else_a_phone_identifier()
    {
        Assert.Equal("+14155550102", ChannelAddresses.For(Channels.Sms, Profile(("phone", "(415) 555-0102")), []));
        Assert.Equal("+442079460958", ChannelAddresses.For(Channels.Sms, Profile(("phone", "020 7946 0958")), [], "GB"));
        Assert.Equal("+491701234567", ChannelAddresses.For(Channels.Sms, Profile(("phone", "not a number")), [new Identifier(IdentifierTypes.Phone, "+491701234567")]));
        Assert.Null(ChannelAddresses.For(Channels.Sms, Profile(("email", "a@example.com")), [new Identifier(IdentifierTypes.Email, "a@example.com")]));
    }

    [Fact]
    public void The_email_address_is_the_email_trait_else_an_email_identifier()
    {
        Assert.Equal("maya@example.com", ChannelAddresses.For(Channels.Email, Profile(("email", " maya@example.com ")), []));
        Assert.Equal("id@example.com", ChannelAddresses.For(Channels.Email, Profile(), [new Identifier(IdentifierTypes.Email, "id@example.com")]));
        Assert.Null(ChannelAddresses.For(Channels.Email, Profile(("phone", "+14155550102")), []));
    }

    [Fact]
    public void The_push_address_is_the_latest_device_token_an_app_event_reported_in_event_time()
    {
        var profile = Profile();
        Assert.Null(ChannelAddresses.For(Channels.Push, profile, []));

        Apply(profile, """{"type":"track","event":"App Opened","timestamp":"2025-06-02T10:00:00Z","context":{"device":{"id":"d1","token":"token-new"}}}""");
        Apply(profile, """{"type":"track","event":"App Opened","timestamp":"2025-06-01T10:00:00Z","context":{"device":{"id":"d1","token":"token-old"}}}""");
        Apply(profile, """{"type":"track","event":"Viewed","timestamp":"2025-06-03T10:00:00Z","context":{"device":{"id":"d1"}}}""");

        Assert.Equal("token-new", ChannelAddresses.For(Channels.Push, profile, []));
        var other = Profile();
        Apply(other, """{"type":"identify","timestamp":"2025-06-04T10:00:00Z","context":{"device":{"token":"token-merged"}},"traits":{}}""");
        ProfileProjector.Merge(profile, other);
        Assert.Equal("token-merged", profile.PushToken!.Token);
        Assert.Equal("token-merged", profile.Clone().PushToken!.Token);
    }

    [Fact]
    public void A_channel_is_reachable_only_with_an_address_and_consent_as_the_policy_requires()
    {
        var consent = new Dictionary<string, ConsentState>
        {
            ["email"] = new(true, T0, "trait email_opt_in"),
            ["sms"] = new(false, T0, "event SMS Opted Out"),
        };
        var policy = ContactPolicy.Default;

        Assert.True(ContactRules.IsReachable(policy, Channels.Email, hasAddress: true, consent));
        Assert.False(ContactRules.IsReachable(policy, Channels.Email, hasAddress: false, consent));
        Assert.False(ContactRules.IsReachable(policy, Channels.Sms, hasAddress: true, consent));
        Assert.False(ContactRules.IsReachable(policy, Channels.Push, hasAddress: true, consent));
        Assert.True(ContactRules.IsReachable(policy, Channels.InApp, hasAddress: true, consent));

        var optOut = ContactPolicy.Parse("""{"version":1,"consent":{"push":"optOut","sms":"optOut"}}""").Policy!;
        Assert.True(ContactRules.IsReachable(optOut, Channels.Push, hasAddress: true, consent));
        Assert.False(ContactRules.IsReachable(optOut, Channels.Sms, hasAddress: true, consent));
    }
}
