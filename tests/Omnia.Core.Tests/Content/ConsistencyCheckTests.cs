using Omnia.Core.Content;
using static Omnia.Core.Tests.Content.ContentExamples;

namespace Omnia.Core.Tests.Content;

public class ConsistencyCheckTests
{
    [Fact]
    public void The_cart_reminder_carries_its_offer_call_to_action_and_key_phrase_in_every_channel()
    {
        Assert.Empty(ConsistencyCheck.Check(Parse(CartReminder)));
    }

    [Fact]
    public void A_variant_without_the_declared_discount_code_drops_the_offer()
    {
        var content = Parse(CartReminder.Replace("\"COMEBACK10 gives 10% off. Free returns.\"", "\"Take another look. Free returns.\"", StringComparison.Ordinal));

        var issue = Assert.Single(ConsistencyCheck.Check(content));

        Assert.Equal(("push", "offer_missing", IssueSeverity.Warning), (issue.Path, issue.Code, issue.Severity));
        Assert.Contains("'COMEBACK10'", issue.Message);
    }

    [Fact]
    public void Without_a_declared_offer_the_percentages_and_codes_of_any_variant_are_the_offer()
    {
        var content = Parse("""
            { "version": 1, "name": "Spring",
              "email": { "subject": "Spring sale: 20 % off", "html": "<p>Use <b>SPRING25</b> at <a href=\"https://shop.example.com/spring\">the shop</a></p>" },
              "sms": { "text": "20% off with spring25: https://shop.example.com/spring" },
              "push": { "body": "Spring sale is on", "link": "shop://spring" } }
            """);

        var issue = Assert.Single(ConsistencyCheck.Check(content));

        Assert.Equal(("push", "offer_missing"), (issue.Path, issue.Code));
        Assert.Contains("'20%', 'SPRING25'", issue.Message);
    }

    [Fact]
    public void A_variant_with_no_link_drops_the_call_to_action_and_one_linking_elsewhere_misses_the_declared_page()
    {
        var content = Parse(CartReminder
            .Replace("Free returns.\", \"link\": \"https://shop.example.com/cart\"", "Free returns.\", \"link\": \"https://shop.example.com/sale?utm_source=push\"", StringComparison.Ordinal)
            .Replace(": https://shop.example.com/cart\" }", "\" }", StringComparison.Ordinal));

        var issues = ConsistencyCheck.Check(content);

        Assert.Equal(["sms:cta_missing", "push:cta_elsewhere"], issues.Select(i => $"{i.Path}:{i.Code}"));
    }

    [Fact]
    public void Tracking_parameters_and_liquid_in_a_link_still_reach_the_declared_page()
    {
        var content = Parse("""
            { "version": 1, "name": "x", "consistency": { "ctaUrl": "https://shop.example.com/cart/" },
              "email": { "subject": "s", "html": "<a href=\"https://shop.example.com/cart?c={{ event.cart_id }}&utm_medium=email\">cart</a>" },
              "push": { "body": "b", "link": "https://SHOP.example.com/cart#top" } }
            """);

        Assert.Empty(ConsistencyCheck.Check(content));
    }

    [Fact]
    public void A_key_phrase_matches_regardless_of_case_spacing_and_apostrophes_and_its_absence_is_flagged()
    {
        var content = Parse("""
            { "version": 1, "name": "x", "consistency": { "keyPhrases": ["it's free to return"] },
              "email": { "subject": "s", "html": "<a href=\"https://s.example/\">It’s   FREE to\n return</a>" },
              "sms": { "text": "Free returns https://s.example/" } }
            """);

        var issue = Assert.Single(ConsistencyCheck.Check(content));

        Assert.Equal(("sms", "key_phrase_missing"), (issue.Path, issue.Code));
    }

    [Fact]
    public void A_declared_offer_printed_by_liquid_matches_however_the_output_is_spaced()
    {
        var content = Parse("""
            { "version": 1, "name": "x", "consistency": { "offer": ["{{ journey.offer_code }}"] },
              "sms": { "text": "Code {{journey.offer_code}} https://s.example/" },
              "push": { "body": "Code {{ journey.offer_code | upcase }}", "link": "https://s.example/" },
              "inApp": { "title": "t", "body": "Use {{  journey.offer_code  }}" , "button": "Go", "link": "https://s.example/" } }
            """);

        var issue = Assert.Single(ConsistencyCheck.Check(content));

        Assert.Equal(("push", "offer_missing"), (issue.Path, issue.Code));
    }

    [Fact]
    public void The_variants_of_several_content_items_in_one_campaign_are_checked_together()
    {
        var email = Parse("""{ "version": 1, "name": "Mail", "consistency": { "offer": ["SUMMER15"] }, "email": { "subject": "SUMMER15", "text": "https://s.example/" } }""");
        var sms = Parse("""{ "version": 1, "name": "Text", "sms": { "text": "Summer is here https://s.example/" } }""");

        var issue = Assert.Single(ConsistencyCheck.Check([email, sms]));

        Assert.Equal(("Text.sms", "offer_missing"), (issue.Path, issue.Code));
    }

    [Fact]
    public void A_preview_checks_the_rendered_variants_of_one_person_against_each_other()
    {
        var content = Compile("""
            { "version": 1, "name": "x",
              "email": { "subject": "{{ journey.pct }}% off", "text": "https://s.example/" },
              "sms": { "text": "{% if traits.vip %}{{ journey.pct }}% off {% endif %}https://s.example/" } }
            """);
        var model = new RenderModel { Journey = Values(new { pct = 15 }), Now = Now };

        var previews = ContentPreview.Render(content, model);

        var sms = Assert.Single(previews, p => p.Channel == "sms");
        Assert.Equal("offer_missing", Assert.Single(sms.Issues).Code);
        Assert.Empty(Assert.Single(previews, p => p.Channel == "email").Issues);
    }
}
