using Omnia.Core.Content;
using Omnia.Core.Events;
using Omnia.Core.Journeys;
using Omnia.Core.Profiles;
using Omnia.Core.Segments;
using static Omnia.Core.Tests.Content.ContentExamples;

namespace Omnia.Core.Tests.Content;

public class LiquidRenderingTests
{
    private static RenderModel Model(object? traits = null, EventProperties @event = default) => new()
    {
        Traits = traits is null ? new Dictionary<string, EventValue>() : Values(traits),
        Event = @event,
        Now = Now,
    };

    [Fact]
    public void A_missing_trait_renders_its_default_and_a_present_one_renders_itself()
    {
        var content = Sms("Hi {{ traits.first_name | default: 'there' }}!");

        Assert.Equal("Hi there!", content.Render("sms", Model()).Text);
        Assert.Equal("Hi Maya!", content.Render("sms", Model(new { first_name = "Maya" })).Text);
        Assert.Equal("Hi there!", content.Render("sms", Model(new { first_name = "" })).Text);
    }

    [Fact]
    public void A_missing_value_without_a_default_renders_empty_and_never_fails()
    {
        var content = Sms("[{{ traits.nickname }}][{{ event.products[3].name }}][{{ journey.nothing.deeper }}]{% for p in event.none %}x{% endfor %}");

        Assert.Equal("[][][]", content.Render("sms", Model()).Text);
    }

    [Fact]
    public void The_email_loops_over_the_abandoned_carts_products_with_names_and_prices()
    {
        var content = Compile(CartReminder);

        var email = content.Render("email", Model(new { first_name = "Maya" }, Cart));

        Assert.Equal("Maya, you left something behind", email.Subject);
        Assert.Contains("<li>Trailblazer hiking boot – 129.5 €</li><li>Merino socks – 14 €</li>", email.Html);
        Assert.Contains("- Trailblazer hiking boot: 129.5 EUR\n- Merino socks: 14 EUR\n", email.Text);
        Assert.Contains("https://shop.example.com/cart?c=c-77", email.Text);
    }

    [Fact]
    public void Values_are_html_encoded_in_html_parts_and_left_as_they_are_in_text_parts()
    {
        var content = Compile("""
            { "version": 1, "name": "x",
              "email": { "subject": "{{ traits.name }}", "html": "<p>{{ traits.name }}</p><a href=\"https://x.example/?q={{ traits.name }}\">go</a>", "text": "{{ traits.name }}" } }
            """);

        var email = content.Render("email", Model(new { name = "Zoë <script>alert(1)</script> & \"Co\"" }));

        Assert.Equal("<p>Zoë &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;</p><a href=\"https://x.example/?q=Zoë &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;\">go</a>", email.Html);
        Assert.Equal("Zoë <script>alert(1)</script> & \"Co\"", email.Text);
        Assert.Equal("Zoë <script>alert(1)</script> & \"Co\"", email.Subject);
    }

    [Fact]
    public void A_template_that_does_not_parse_is_an_error_at_its_line_and_column()
    {
        var result = ContentItem.Parse("""
            { "version": 1, "name": "x",
              "email": { "subject": "ok", "html": "<p>Hi</p>\n<ul>{% for p in event.products %}<li>{{ p.name }}</li>\n</ul>" },
              "sms": { "text": "Hi {{ traits.first_name | }}" } }
            """);

        Assert.False(result.IsValid);
        Assert.Equal(
            ["email.html: line 3, column 6: '{% endfor %}' was expected", "sms.text: line 1, column 26: An identifier was expected after the '|' sign"],
            result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Include_and_render_are_refused_so_templates_never_read_files()
    {
        var include = LiquidTemplate.TryParse("Hello\n  {% include 'footer' %}", isHtml: false, out var error);

        Assert.Null(include);
        Assert.Equal(2, error!.Line);
        Assert.Equal(3, error.Column);
        Assert.Contains("'include' reads another template from a file", error.Message);
        Assert.Null(LiquidTemplate.TryParse("{% render 'x' %}", isHtml: true, out error));
        Assert.Contains("'render'", error!.Message);
    }

    [Fact]
    public void An_unknown_filter_is_an_error_that_suggests_the_filter_meant()
    {
        Assert.Null(LiquidTemplate.TryParse("Hi {{ traits.name | upcse }}", isHtml: false, out var error));

        Assert.Equal((1, 21), (error!.Line, error.Column));
        Assert.StartsWith("unknown filter 'upcse'; did you mean 'upcase'?", error.Message);
    }

    [Fact]
    public void Raw_is_refused_in_html_but_harmless_in_text()
    {
        Assert.Null(LiquidTemplate.TryParse("<p>{{ traits.bio | raw }}</p>", isHtml: true, out var error));
        Assert.Contains("values are always HTML-encoded", error!.Message);
        Assert.NotNull(LiquidTemplate.TryParse("{{ traits.bio | raw }}", isHtml: false, out _));
    }

    [Fact]
    public void A_runaway_loop_stops_at_the_step_limit_with_a_render_error_instead_of_hanging()
    {
        var content = Sms("{% for a in (1..5000) %}{% for b in (1..5000) %}{% endfor %}{% endfor %}");

        var failure = Assert.Throws<ContentRenderException>(() => content.Render("sms", Model()));

        Assert.Equal("sms.text", failure.Part);
    }

    [Fact]
    public void Output_beyond_the_size_limit_is_a_render_error()
    {
        var content = Sms("{% assign s = 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' %}{% for a in (1..9000) %}{% for b in (1..9) %}{{ s }}{% endfor %}{% endfor %}");

        var failure = Assert.Throws<ContentRenderException>(() => content.Render("sms", Model()));

        Assert.Contains("output size", failure.Reason);
    }

    [Fact]
    public void A_division_by_zero_fails_the_rendering_instead_of_sending_a_broken_message()
    {
        var content = Sms("{{ 10 | divided_by: traits.zero }}");

        Assert.Throws<ContentRenderException>(() => content.Render("sms", Model(new { zero = 0 })));
    }

    [Fact]
    public void Dates_render_in_the_profiles_time_zone_at_the_models_instant()
    {
        var content = Sms("{{ now | date: '%Y-%m-%d %H:%M' }}");
        var model = Model() with { Now = new DateTimeOffset(2025, 6, 1, 22, 30, 0, TimeSpan.Zero), TimeZone = Zone("Europe/Berlin") };

        Assert.Equal("2025-06-02 00:30", content.Render("sms", model).Text);
    }

    [Fact]
    public void A_real_profile_gives_its_traits_computed_traits_and_time_zone()
    {
        var state = new ProfileState { Id = 42, WorkspaceId = 1, OrderCount = 3, Revenue = 250.5m, LastOrderAt = Now.AddDays(-10) };
        state.Traits["first_name"] = new TraitValue(EventValue.Of("Maya"), Now);
        state.Traits["timezone"] = new TraitValue(EventValue.Of("America/New_York"), Now);
        var facts = new ProfileFacts(state, []) { Persona = "p2" };
        var content = Sms("{{ traits.first_name }} #{{ profile.id }}: {{ computed.orderCount }} orders, {{ computed.revenue }}, {{ computed.daysSinceLastPurchase }} days, {{ computed.persona }}, {{ computed.nothing | default: '-' }}, {{ now | date: '%H:%M' }}");

        var text = content.Render("sms", RenderModel.ForProfile(facts, Now)).Text;

        Assert.Equal("Maya #42: 3 orders, 250.5, 10 days, p2, -, 08:00", text);
    }

    [Fact]
    public void The_journey_context_and_the_message_fields_are_readable()
    {
        var send = new SendMessage("9:1:5:remind:1:send", 42, "remind", Now, "cart-reminder", "sms", "c-77", Cart);
        var model = Model().ForJourney("Abandoned cart", 9, 1, send) with
        {
            Message = new MessageFields(send.Key, "sms", "abandoned-cart", "https://omnia.example/u/abc"),
        };
        var content = Sms("{{ journey.name }} v{{ journey.version }} {{ journey.step }} {{ journey.entry_key }} {{ event.products.size }} {{ event.products.first.name }} {{ message.campaign }} {{ message.unsubscribe_url }}");

        Assert.Equal("Abandoned cart v1 remind c-77 2 Trailblazer hiking boot abandoned-cart https://omnia.example/u/abc", content.Render("sms", model).Text);
    }

    [Fact]
    public void Rendering_the_same_content_from_many_threads_gives_each_person_their_own_message()
    {
        var content = Compile(CartReminder);

        var texts = Enumerable.Range(0, 200).AsParallel().WithDegreeOfParallelism(4)
            .Select(i => (i, content.Render("sms", Model(new { first_name = $"P{i}" })).Text))
            .ToList();

        Assert.All(texts, t => Assert.StartsWith($"P{t.i}, your cart", t.Text));
    }

    private static TimeZoneInfo Zone(string id) => TimeZoneInfo.FindSystemTimeZoneById(id);
}
