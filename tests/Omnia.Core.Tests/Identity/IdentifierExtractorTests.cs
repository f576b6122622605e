using System.Text.Json;
using Omnia.Core.Identity;

namespace Omnia.Core.Tests.Identity;

public class IdentifierExtractorTests
{
    // An identify call as analytics.js and the Segment HTTP API send it.
    private const string SegmentIdentify = """
        {
          "type": "identify",
          "messageId": "ajs-next-1697040000000-6f1f2c8e",
          "anonymousId": "507f191e-810c-4197-8d4a-0123456789ab",
          "userId": "97980cfea0067",
          "traits": {
            "name": "Peter Gibbons",
            "email": " Peter.Gibbons@Initech.com ",
            "phone": "(415) 555-0134",
            "plan": "premium",
            "logins": 5,
            "crm_id": 12345
          },
          "context": {
            "ip": "8.8.8.8",
            "library": { "name": "analytics.js", "version": "2.11.1" },
            "device": { "id": "B5372DB0-C21E-11E4-8DFC-AA07A5B093DB", "manufacturer": "Apple", "model": "iPhone7,2" },
            "externalIds": [
              { "id": "AB-1234", "type": "Zendesk ID", "collection": "users", "encoding": "none" },
              { "id": "PETER.GIBBONS@initech.com", "type": "email", "collection": "users", "encoding": "none" }
            ]
          },
          "timestamp": "2024-10-11T15:00:00.000Z",
          "sentAt": "2024-10-11T15:00:00.120Z"
        }
        """;

    [Fact]
    public void A_Segment_identify_call_yields_every_identifier_in_priority_order()
    {
        using var doc = JsonDocument.Parse(SegmentIdentify);
        var root = doc.RootElement;
        var rules = IdentityRules.Default with { ExternalIdTraits = ["crm_id"] };

        var ids = IdentifierExtractor.Extract(
            root.GetProperty("userId").GetString(), root.GetProperty("anonymousId").GetString(),
            root.GetProperty("traits"), root.GetProperty("context"), rules);

        Assert.Equal(
            [
                new Identifier("user_id", "97980cfea0067"),
                new Identifier("email", "peter.gibbons@initech.com"),
                new Identifier("phone", "+14155550134"),
                new Identifier("crm_id", "12345"),
                new Identifier("zendesk_id", "AB-1234"),
                new Identifier("device_id", "B5372DB0-C21E-11E4-8DFC-AA07A5B093DB"),
                new Identifier("anonymous_id", "507f191e-810c-4197-8d4a-0123456789ab"),
            ],
            ids);
    }

    [Fact]
    public void A_track_call_takes_email_and_phone_from_the_context_traits()
    {
        using var context = JsonDocument.Parse("""{"traits":{"email":"a@example.com","phone":"+44 20 7946 0958"}}""");

        var ids = IdentifierExtractor.Extract(null, "anon-1", null, context.RootElement, IdentityRules.Default);

        Assert.Equal(
            [new("email", "a@example.com"), new("phone", "+442079460958"), new("anonymous_id", "anon-1")],
            ids);
    }

    [Fact]
    public void The_calls_own_traits_win_over_the_context_traits_unless_they_are_junk()
    {
        using var traits = JsonDocument.Parse("""{"email":"own@example.com","phone":"n/a"}""");
        using var context = JsonDocument.Parse("""{"traits":{"email":"ctx@example.com","phone":"020 7946 0958"}}""");
        var rules = IdentityRules.Default with { DefaultPhoneRegion = "GB" };

        var ids = IdentifierExtractor.Extract(null, null, traits.RootElement, context.RootElement, rules);

        Assert.Equal([new("email", "own@example.com"), new("phone", "+442079460958")], ids);
    }

    [Fact]
    public void Junk_and_invalid_values_yield_no_identifiers()
    {
        using var traits = JsonDocument.Parse("""{"email":"not-an-email","phone":"call me"}""");
        using var context = JsonDocument.Parse("""{"device":{"id":"unknown"},"externalIds":[{"id":"null","type":"crm"},{"id":"7","type":"  "}]}""");

        var ids = IdentifierExtractor.Extract(
            "undefined", "00000000-0000-0000-0000-000000000000", traits.RootElement, context.RootElement, IdentityRules.Default);

        Assert.Empty(ids);
    }

    [Fact]
    public void Workspace_blocked_values_are_dropped()
    {
        using var traits = JsonDocument.Parse("""{"email":"Test@Example.com"}""");
        var rules = IdentityRules.Default with { BlockedValues = ["test@example.com", "demo-user"] };

        var ids = IdentifierExtractor.Extract("demo-user", "anon-1", traits.RootElement, null, rules);

        Assert.Equal([new Identifier("anonymous_id", "anon-1")], ids);
    }

    [Fact]
    public void Numbers_count_for_external_ids_but_not_for_emails_phones_or_devices()
    {
        using var traits = JsonDocument.Parse("""{"email":42,"phone":4155550134,"loyalty_id":9001,"crm_id":true}""");
        using var context = JsonDocument.Parse("""{"device":{"id":77},"externalIds":[{"id":1234567,"type":"Shopify Customer"}]}""");
        var rules = IdentityRules.Default with { ExternalIdTraits = ["loyalty_id", "crm_id"] };

        var ids = IdentifierExtractor.Extract(null, null, traits.RootElement, context.RootElement, rules);

        Assert.Equal([new("loyalty_id", "9001"), new("shopify_customer", "1234567")], ids);
    }

    [Fact]
    public void External_id_traits_are_also_read_from_the_context_traits()
    {
        using var context = JsonDocument.Parse("""{"traits":{"Loyalty ID":"L-77"}}""");
        var rules = IdentityRules.Default with { ExternalIdTraits = ["Loyalty ID"] };

        var ids = IdentifierExtractor.Extract("u1", null, null, context.RootElement, rules);

        Assert.Equal([new("user_id", "u1"), new("loyalty_id", "L-77")], ids);
    }

    [Fact]
    public void Order_follows_the_workspace_rules_then_type_then_value()
    {
        using var context = JsonDocument.Parse(
            """{"device":{"id":"dev-1"},"externalIds":[{"id":"b","type":"zz"},{"id":"a","type":"zz"},{"id":"c","type":"aa"}]}""");
        var rules = new IdentityRules
        {
            Rules = [new("anonymous_id", 1, 10), new("device_id", 2, 10), new("user_id", 3, 1)],
        };

        var ids = IdentifierExtractor.Extract("u1", "anon-1", null, context.RootElement, rules);

        Assert.Equal(
            [
                new("anonymous_id", "anon-1"), new("device_id", "dev-1"), new("user_id", "u1"),
                new("aa", "c"), new("zz", "a"), new("zz", "b"),
            ],
            ids);
    }

    [Fact]
    public void Non_object_traits_and_context_are_ignored()
    {
        using var traits = JsonDocument.Parse("""["email","a@example.com"]""");
        using var context = JsonDocument.Parse("null");

        var ids = IdentifierExtractor.Extract("u1", null, traits.RootElement, context.RootElement, IdentityRules.Default);

        Assert.Equal([new Identifier("user_id", "u1")], ids);
    }
}
