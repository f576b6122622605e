using Omnia.Core.Content;
using Omnia.Core.Events;
using static Omnia.Core.Tests.Content.ContentExamples;

namespace Omnia.Core.Tests.Content;

public class WebhookVariantTests
{
    private const string Crm = """
        {"version":1,"name":"CRM sync","campaign":"welcome",
         "sms":{"text":"Welcome! Use WELCOME10 for 10% off"},
         "webhook":{"body":"{\"name\": {{ traits.first_name | json }}, \"cart\": {{ event.cart_id | json }}, \"journey\": {{ journey.name | json }}}"}}
        """;

    private static RenderModel Model(string firstName) => new()
    {
        Traits = new Dictionary<string, EventValue> { ["first_name"] = EventValue.Of(firstName) },
        Event = Cart,
        Journey = new Dictionary<string, EventValue> { ["name"] = EventValue.Of("Welcome") },
        Now = Now,
    };

    [Fact]
    public void A_webhook_variant_is_json_by_default_and_reads_back_equal_from_its_canonical_json()
    {
        var content = Parse(Crm);

        Assert.Equal(WebhookVariant.DefaultContentType, content.Webhook!.ContentType);
        Assert.Equal(["sms", "webhook"], content.Channels);
        Assert.Equal(content, Parse(content.ToJson()));
        Assert.Contains("\"contentType\": \"application/json\"", content.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_json_body_written_with_the_json_filter_renders_valid_json_even_when_a_value_has_quotes()
    {
        var rendered = Compile(Crm).Render("webhook", Model("Zoë \"Z\" O'Neil"));

        Assert.Empty(ChannelConstraints.Check(rendered));
        using var json = System.Text.Json.JsonDocument.Parse(rendered.Body!);
        Assert.Equal("Zoë \"Z\" O'Neil", json.RootElement.GetProperty("name").GetString());
        Assert.Equal("c-77", json.RootElement.GetProperty("cart").GetString());
        Assert.Equal("application/json", rendered.ContentType);
    }

    [Fact]
    public void A_json_body_that_renders_broken_json_is_an_error_that_points_at_the_json_filter()
    {
        var content = Compile("""{"version":1,"name":"x","webhook":{"body":"{\"name\": \"{{ traits.first_name }}\"}"}}""");

        var issue = Assert.Single(ChannelConstraints.Check(content.Render("webhook", Model("Zoë \"Z\""))));

        Assert.Equal(("webhook.body", IssueSeverity.Error, "webhook_json"), (issue.Path, issue.Severity, issue.Code));
        Assert.Contains("| json", issue.Message, StringComparison.Ordinal);
        Assert.Empty(ChannelConstraints.Check(content.Render("webhook", Model("Zoe"))));
    }

    [Fact]
    public void A_form_body_is_not_held_to_json_and_a_bad_content_type_is_refused_with_its_path()
    {
        var form = Compile("""{"version":1,"name":"x","webhook":{"contentType":"application/x-www-form-urlencoded","body":"name={{ traits.first_name | url_encode }}"}}""");
        Assert.Empty(ChannelConstraints.Check(form.Render("webhook", Model("Zoë \"Z\""))));

        var bad = ContentItem.Parse("""{"version":1,"name":"x","webhook":{"contentType":"json please","body":"{}"}}""");
        Assert.Equal(["webhook.contentType: 'json please' is not a media type; write one like \"application/json\" or \"application/x-www-form-urlencoded\""],
            bad.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void The_consistency_check_leaves_webhook_bodies_out()
    {
        var issues = ConsistencyCheck.Check(Parse(Crm));

        Assert.DoesNotContain(issues, i => i.Path.StartsWith("webhook", StringComparison.Ordinal));
    }
}
