using Omnia.Core.Content;

namespace Omnia.Core.Tests.Content;

public class ChannelConstraintsTests
{
    private static IReadOnlyList<ContentIssue> Check(RenderedMessage message) => ChannelConstraints.Check(message);

    [Fact]
    public void A_short_gsm_sms_with_one_link_has_no_issues()
    {
        Assert.Empty(Check(new RenderedMessage("sms") { Text = "Your cart is waiting: https://shop.example.com/cart" }));
    }

    [Fact]
    public void An_sms_sent_as_ucs2_is_a_warning_naming_the_character_and_its_gsm_stand_in()
    {
        var issue = Assert.Single(Check(new RenderedMessage("sms") { Text = "It’s waiting for you" }));

        Assert.Equal(("sms.text", IssueSeverity.Warning, "sms_ucs2"), (issue.Path, issue.Severity, issue.Code));
        Assert.Contains("'’' (U+2019)", issue.Message);
        Assert.Contains("replace '’' with '''", issue.Message);
        Assert.Contains("UCS-2, 20 code units, 1 segment", issue.Message);
    }

    [Fact]
    public void An_sms_over_ten_segments_is_an_error_and_many_links_a_warning()
    {
        var issues = Check(new RenderedMessage("sms") { Text = new string('a', 1531) + " https://a.example/x https://b.example/y" });

        Assert.Contains(issues, i => i.Code == "sms_segments" && i.Severity == IssueSeverity.Error && i.Message.StartsWith("needs 11 segments", StringComparison.Ordinal));
        Assert.Contains(issues, i => i.Code == "sms_links" && i.Severity == IssueSeverity.Warning && i.Message.StartsWith("has 2 links", StringComparison.Ordinal));
    }

    [Fact]
    public void An_empty_required_part_is_an_error_per_channel()
    {
        Assert.Equal(["sms.text"], Codes(Check(new RenderedMessage("sms") { Text = "  " }), "required"));
        Assert.Equal(["push.body"], Codes(Check(new RenderedMessage("push") { Body = "" }), "required"));
        Assert.Equal(["email.subject", "email"], Codes(Check(new RenderedMessage("email") { Subject = "", Html = " ", Text = "" }), "required"));
        Assert.Equal(["inApp.title", "inApp.body", "inApp.button"],
            Codes(Check(new RenderedMessage("in_app") { Title = "", Body = "", Button = "", Link = "shop://cart" }), "required"));
        Assert.Equal(["web.html"], Codes(Check(new RenderedMessage("web") { Html = "" }), "required"));
    }

    [Fact]
    public void Push_title_and_body_lengths_are_warnings_and_an_oversized_payload_an_error()
    {
        var issues = Check(new RenderedMessage("push") { Title = new string('t', 66), Body = new string('b', 241) });
        Assert.Equal(["push_title_length", "push_body_length"], issues.Select(i => i.Code));
        Assert.All(issues, i => Assert.Equal(IssueSeverity.Warning, i.Severity));

        var huge = Check(new RenderedMessage("push") { Title = "t", Body = new string('b', 4100) });
        Assert.Contains(huge, i => i.Code == "push_payload_size" && i.Severity == IssueSeverity.Error);
    }

    [Theory]
    [InlineData("shop://cart/42", true)]
    [InlineData("https://shop.example.com/cart", true)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("/cart", false)]
    [InlineData("https://", false)]
    [InlineData("https://shop.example.com/my cart", false)]
    public void A_deep_link_must_be_an_absolute_app_or_web_link(string link, bool ok)
    {
        var issues = Check(new RenderedMessage("push") { Body = "b", Link = link });

        Assert.Equal(ok, issues.All(i => i.Code != "link_invalid"));
    }

    [Fact]
    public void Html_links_must_be_well_formed_absolute_http_urls()
    {
        var html = """
            <a href="https://shop.example.com/ok">ok</a>
            <a href='http://shop.example.com/also-ok?a=1&amp;b=2'>ok</a>
            <a href="/relative">x</a>
            <a href="javascript:alert(1)">x</a>
            <a href="">x</a>
            <a name="top">x</a>
            <a href="https://shop.example.com/oops>x</a>
            """;

        var issues = Check(new RenderedMessage("email") { Subject = "s", Html = html });

        Assert.Equal(
            ["link_invalid:/relative", "link_invalid:javascript:alert(1)", "link_invalid:empty", "link_malformed:it has no href", "link_malformed:its href has no closing quote"],
            issues.Where(i => i.Code.StartsWith("link_", StringComparison.Ordinal) && i.Code != "link_unclosed").Select(Describe));
        Assert.All(issues, i => Assert.Equal("email.html", i.Path));
    }

    [Fact]
    public void Html_over_102_kb_warns_that_gmail_clips_it()
    {
        var issues = Check(new RenderedMessage("email") { Subject = "s", Html = "<p>" + new string('x', 105_000) + "</p>" });

        var clip = Assert.Single(issues);
        Assert.Equal(("email_clipped", IssueSeverity.Warning), (clip.Code, clip.Severity));
    }

    [Fact]
    public void A_long_subject_is_a_warning_and_a_line_break_in_it_an_error()
    {
        var issues = Check(new RenderedMessage("email") { Subject = new string('s', 101) + "\nx", Text = "body" });

        Assert.Equal(["email_subject_length", "email_subject_newline"], issues.Select(i => i.Code));
    }

    private static List<string> Codes(IReadOnlyList<ContentIssue> issues, string code) =>
        [.. issues.Where(i => i.Code == code).Select(i => i.Path)];

    private static string Describe(ContentIssue issue) => issue.Code + ":" + (
        issue.Code == "link_malformed" ? issue.Message["an <a> tag is malformed: ".Length..]
        : issue.Message.Contains("empty href", StringComparison.Ordinal) ? "empty"
        : issue.Message.Split('\'')[1]);
}
