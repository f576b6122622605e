using Omnia.Core.Content;
using static Omnia.Core.Tests.Content.ContentExamples;

namespace Omnia.Core.Tests.Content;

public class ContentJsonTests
{
    [Fact]
    public void The_canonical_json_reads_back_to_an_equal_content_item()
    {
        var content = Parse(CartReminder);

        var again = Parse(content.ToJson());

        Assert.Equal(content, again);
        Assert.Equal(["email", "sms", "push", "in_app"], again.Channels);
        Assert.Equal("abandoned-cart", again.Campaign);
    }

    [Fact]
    public void Every_problem_is_reported_with_its_path_in_one_pass()
    {
        var result = ContentItem.Parse("""
            {
              "version": 2,
              "Name": "x",
              "consistency": { "offer": [""], "ctaUrl": "shop.example.com" },
              "email": { "subject": "", "preheader": 3 },
              "inApp": { "title": "t", "body": "b", "button": "Go" },
              "web": { "slot": "Home Hero", "html": "<p>x</p>" },
            }
            """);

        Assert.False(result.IsValid);
        Assert.Equal(
        [
            "Name: unknown key (did you mean 'name'?); expected version, name, description, campaign, consistency, email, sms, push, inApp, web, webhook",
            "version: version 2 is not supported; use 1",
            "name: required: the content's name as people will see it, e.g. \"Cart reminder\"",
            "consistency.offer[0]: is empty; use an offer such as a discount code \"COMEBACK10\" or \"10%\"",
            "consistency.ctaUrl: 'shop.example.com' is not an absolute http(s) URL; give the landing page, e.g. \"https://shop.example.com/cart\"",
            "email.subject: is empty; write the subject line, e.g. \"{{ traits.first_name | default: 'Hi' }}, your cart is waiting\"",
            "email.preheader: must be text (a Liquid template), not 3",
            "email: needs a body: \"html\", \"text\" or both (both reads best in every mail program)",
            "inApp.link: required with a button: the link the button opens",
            "web.slot: 'Home Hero' is not a slot name; use lowercase letters, digits and dashes, e.g. \"home-hero\"",
        ], result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Content_needs_at_least_one_variant_and_valid_json()
    {
        Assert.Equal(
            "$: needs at least one variant: email, sms, push, inApp, web or webhook, e.g. {\"sms\":{\"text\":\"Your cart is waiting\"}}",
            Assert.Single(ContentItem.Parse("""{"version":1,"name":"x"}""").Errors).ToString());
        Assert.StartsWith("$: not valid JSON at line 1", Assert.Single(ContentItem.Parse("{\"version\":1,").Errors).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_web_slot_keeps_its_slot_name()
    {
        var content = Parse("""{"version":1,"name":"Hero","web":{"slot":"home-hero","html":"<h1>Hi {{ traits.first_name | default: 'there' }}</h1>"}}""");

        var rendered = CompiledContent.Compile(content).Render("web", new RenderModel { Now = Now });

        Assert.Equal(("home-hero", "<h1>Hi there</h1>"), (rendered.Slot, rendered.Html));
        Assert.Contains("\"slot\": \"home-hero\"", content.ToJson(), StringComparison.Ordinal);
    }
}
