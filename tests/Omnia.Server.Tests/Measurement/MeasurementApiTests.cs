using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Omnia.Server.Measurement;

namespace Omnia.Server.Tests.Measurement;

/// <summary>
/// The measurement API on three people whose figures are worked out by hand: A clicks a brand search ad and buys for
/// 100; B comes from Google, views and adds a product and leaves; C opens and clicks a newsletter, views, adds, checks
/// out and buys for 50.
/// </summary>
public sealed class MeasurementApiTests : IAsyncLifetime
{
    private const string Api = "/api/v1/workspaces/default";
    private const string Desktop = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15";

    private const string Checkout = """
        {"version":1,"name":"Checkout","steps":[{"name":"Product Viewed"},{"name":"Product Added"},{"name":"Checkout Started"},{"name":"Order Completed"}],
         "within":"7d","survey":{"question":"What stopped you?","choices":["Price","Shipping","Just looking"]}}
        """;

    private TestNode _node = null!;
    private DateTimeOffset _t0;

    public async Task InitializeAsync()
    {
        _node = await TestNode.StartAsync();
        var now = DateTimeOffset.UtcNow;
        // Noon three days ago: every event falls in the default range (the last 30 days) and in one UTC day.
        _t0 = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(-3).AddHours(12);
        string At(double minutes) => _t0.AddMinutes(minutes).ToString("O", CultureInfo.InvariantCulture);
        string Page(string user, double minutes, string url, string referrer = "") =>
            "{\"type\":\"page\",\"userId\":\"" + user + "\",\"timestamp\":\"" + At(minutes) + "\",\"context\":{\"userAgent\":\"" + Desktop
            + "\",\"page\":{\"url\":\"" + url + "\",\"referrer\":\"" + referrer + "\"}}}";
        string Track(string user, double minutes, string name, string properties = "{}", string context = "{\"userAgent\":\"" + Desktop + "\"}") =>
            "{\"type\":\"track\",\"userId\":\"" + user + "\",\"event\":\"" + name + "\",\"timestamp\":\"" + At(minutes) + "\",\"properties\":" + properties
            + ",\"context\":" + context + "}";
        const string Mail = """{"channel":"email"}""";
        var batch = string.Join(",",
            Page("a", 0, "https://shop.example/?utm_source=google&utm_medium=cpc&utm_campaign=brand", "https://www.google.com/"),
            Track("a", 5, "Order Completed", """{"revenue":100}"""),
            Page("b", 10, "https://shop.example/boots", "https://www.google.com/"),
            Track("b", 11, "Product Viewed", """{"color":"red"}"""),
            Track("b", 12, "Product Added"),
            Track("c", 20, "Email Opened", """{"campaign_name":"news"}""", Mail),
            Track("c", 21, "Email Link Clicked", """{"campaign_name":"news"}""", Mail),
            Page("c", 21.5, "https://shop.example/sale?utm_source=newsletter&utm_medium=email&utm_campaign=news"),
            Track("c", 22, "Product Viewed"),
            Track("c", 23, "Product Added"),
            Track("c", 24, "Checkout Started"),
            Track("c", 25, "Order Completed", """{"revenue":50}"""));
        var response = await _node.SendAsync("/v1/batch", "{\"batch\":[" + batch + "]}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await _node.AdminTextAsync(HttpMethod.Put, $"{Api}/funnels/checkout", Checkout)).StatusCode);
        await _node.AudiencesCaughtUpAsync();
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();

    private string Day(double days = 0) => DateOnly.FromDateTime(_t0.UtcDateTime.AddDays(days)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Paths_list_each_journey_with_its_conversions_revenue_and_share()
    {
        var report = await _node.GetJsonAsync($"{Api}/analytics/paths?level=campaign");

        var all = report.GetProperty("groups")[0];
        Assert.Equal((3, 2, 150.0), (all.GetProperty("journeys").GetInt32(), all.GetProperty("conversions").GetInt32(), all.GetProperty("revenue").GetDouble()));
        var paths = all.GetProperty("topConverting").EnumerateArray().Select(p => (p.GetProperty("text").GetString(), p.GetProperty("revenue").GetDouble(), p.GetProperty("share").GetDouble())).ToList();
        Assert.Equal([("paid_search / brand", 100.0, 0.5), ("email / news", 50.0, 0.5)], paths);
        Assert.Equal("organic_search", all.GetProperty("topNotConverting")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Costs_imported_from_csv_give_cpa_and_roas_in_kpis_and_attribution()
    {
        var csv = $"date,channel,campaign,spend,impressions,clicks\n{Day()},paid_search,brand,20,800,24\n{Day()},fax,brand,1,1,1\n";
        var import = await _node.AdminTextAsync(HttpMethod.Post, $"{Api}/costs/import", csv);
        var imported = JsonDocument.Parse(await import.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        Assert.Equal(1, imported.GetProperty("saved").GetInt32());
        Assert.Equal(3, imported.GetProperty("rejected")[0].GetProperty("line").GetInt32());

        var kpis = await _node.GetJsonAsync($"{Api}/analytics/kpis?period=week");
        var search = kpis.GetProperty("report").GetProperty("totals").EnumerateArray().Single(r => r.GetProperty("channel").GetString() == "paid_search");
        Assert.Equal((1, 20.0, 20.0, 5.0, 0.03), (search.GetProperty("conversions").GetInt32(), search.GetProperty("cost").GetDouble(),
            search.GetProperty("cpa").GetDouble(), search.GetProperty("roas").GetDouble(), search.GetProperty("ctr").GetDouble()));

        var attribution = await _node.GetJsonAsync($"{Api}/analytics/attribution");
        var row = attribution.GetProperty("comparison").GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("channel").GetString() == "paid_search");
        var models = row.GetProperty("models").EnumerateArray().ToDictionary(m => m.GetProperty("model").GetString()!);
        Assert.Equal(11, models.Count);
        Assert.Equal((1.0, 100.0, 5.0), (models["first_touch"].GetProperty("conversions").GetDouble(), models["first_touch"].GetProperty("revenue").GetDouble(),
            models["shapley"].GetProperty("roas").GetDouble()));
        // Three journeys (search → order, email → order, search engine → nothing): without paid search P(conversion) halves.
        Assert.Equal(0.5, row.GetProperty("removalEffects").GetProperty("1").GetDouble(), 9);
        Assert.Equal(3, row.GetProperty("shapleyMarginals").GetArrayLength());

        var listed = await _node.AdminAsync(HttpMethod.Get, $"{Api}/costs?from={Day()}&to={Day(1)}&format=csv");
        Assert.Equal($"date,channel,campaign,spend,impressions,clicks\n{Day()},paid_search,brand,20,800,24\n", (await listed.Content.ReadAsStringAsync()).ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task A_funnel_reports_people_and_drop_off_and_its_dropouts_become_a_segment_of_exactly_them()
    {
        var report = await _node.GetJsonAsync($"{Api}/analytics/funnels/checkout");
        var steps = report.GetProperty("report").GetProperty("total").GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal([2, 2, 1, 1], steps.Select(s => s.GetProperty("people").GetInt32()));
        Assert.Equal(1, steps[1].GetProperty("droppedAfter").GetInt32());

        var created = await _node.AdminAsync(HttpMethod.Post, $"{Api}/funnels/checkout/dropouts", new { step = 2, from = Day(-30), to = Day(1) });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var segment = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("checkout-dropped-after-2", segment.GetProperty("slug").GetString());
        await _node.AudiencesCaughtUpAsync();
        var members = await _node.GetJsonAsync($"{Api}/segments/checkout-dropped-after-2/members");
        var member = Assert.Single(members.GetProperty("members").EnumerateArray());
        var b = await _node.ProfileAsync("userId", "b");
        Assert.Equal(b.GetProperty("id").GetString(), member.GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_draft_funnel_over_a_property_no_definition_keeps_is_answered_from_the_log()
    {
        var draft = """{"version":1,"name":"Red things","steps":[{"name":"Product Viewed","where":[{"property":"color","op":"equals","value":"red"}]},{"name":"Product Added"}]}""";

        var response = await _node.AdminTextAsync(HttpMethod.Post, $"{Api}/analytics/funnels", draft);

        var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([1, 1], report.GetProperty("report").GetProperty("total").GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("people").GetInt32()));
    }

    [Fact]
    public async Task A_dropout_answers_the_survey_on_its_public_page_and_the_funnel_counts_the_answer()
    {
        var b = await _node.ProfileAsync("userId", "b");
        var link = await _node.GetJsonAsync($"{Api}/funnels/checkout/survey-link?profile={b.GetProperty("id").GetString()}");
        var path = new Uri(link.GetProperty("url").GetString()!).AbsolutePath;

        var page = await _node.Client.GetStringAsync(path);
        Assert.Contains("What stopped you?", page, StringComparison.Ordinal);
        var answered = await _node.Client.PostAsync(path, new FormUrlEncodedContent([new("answer", "Shipping")]));
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _node.Client.PostAsync(path, new FormUrlEncodedContent([new("answer", "Free lunch")]))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _node.Client.GetAsync(path[..^3] + "AAA")).StatusCode);
        await _node.AudiencesCaughtUpAsync();

        var report = await _node.GetJsonAsync($"{Api}/analytics/funnels/checkout");
        var answer = Assert.Single(report.GetProperty("report").GetProperty("answers").EnumerateArray());
        Assert.Equal(("Shipping", 1), (answer.GetProperty("answer").GetString(), answer.GetProperty("people").GetInt32()));
    }

    [Fact]
    public async Task Bad_queries_and_definitions_get_a_400_naming_every_problem_and_a_viewer_cannot_change_goals()
    {
        var query = await _node.AdminAsync(HttpMethod.Get, $"{Api}/analytics/kpis?period=year&from=2026-13-01&goal=signup");
        Assert.Equal(HttpStatusCode.BadRequest, query.StatusCode);
        Assert.Equal("application/problem+json", query.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(await query.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(["goal: there is no goal 'signup'; use one of purchase", "from: '2026-13-01' is not a date; use 2026-11-01", "period: 'year' is not one of day, week, month"], errors);

        var goal = await _node.AdminTextAsync(HttpMethod.Put, $"{Api}/goals/big-orders", """{"version":1,"name":"Big","event":{"name":"Order Completed","where":[{"property":"revenue","op":"withinLast","value":"3d"}]}}""");
        Assert.Equal(HttpStatusCode.BadRequest, goal.StatusCode);
        Assert.Contains("event.where[0].op", await goal.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await _node.AdminAsync(HttpMethod.Get, $"{Api}/analytics/funnels/nope")).StatusCode);

        var key = JsonDocument.Parse(await (await _node.AdminAsync(HttpMethod.Post, $"{Api}/keys", new { name = "tv", role = "viewer" })).Content.ReadAsStringAsync()).RootElement;
        var viewer = key.GetProperty("secret").GetString();
        Assert.Equal(HttpStatusCode.OK, (await _node.AdminAsync(HttpMethod.Get, $"{Api}/analytics/paths", key: viewer)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _node.AdminAsync(HttpMethod.Put, $"{Api}/goals/x", new { version = 1 }, key: viewer)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _node.AdminAsync(HttpMethod.Post, $"{Api}/costs", Array.Empty<object>(), key: viewer)).StatusCode);
    }

    [Fact]
    public async Task A_saved_goal_changes_what_converts()
    {
        var saved = await _node.AdminTextAsync(HttpMethod.Put, $"{Api}/goals/checkout-started", """{"version":1,"name":"Checkout started","event":{"name":"Checkout Started"}}""");
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        var report = await _node.GetJsonAsync($"{Api}/analytics/paths?goal=checkout-started");

        Assert.Equal(1, report.GetProperty("groups")[0].GetProperty("conversions").GetInt32());
        Assert.Equal(["checkout-started", "purchase"], (await _node.GetJsonAsync($"{Api}/goals")).EnumerateArray().Select(g => g.GetProperty("slug").GetString()));
    }

    [Fact]
    public async Task The_monthly_report_is_json_a_self_contained_html_file_and_csv_and_is_emailed_to_its_recipients()
    {
        var month = _t0.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var report = await _node.GetJsonAsync($"{Api}/reports/monthly?month={month}");
        Assert.Equal((2, 150.0), (report.GetProperty("current").GetProperty("conversions").GetInt32(), report.GetProperty("current").GetProperty("revenue").GetDouble()));

        var html = await _node.AdminAsync(HttpMethod.Get, $"{Api}/reports/monthly.html?month={month}&download=true");
        var text = await html.Content.ReadAsStringAsync();
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        Assert.Equal(ReportsApi.ReportPolicy, html.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains($"report-{month}.html", html.Content.Headers.ContentDisposition?.ToString(), StringComparison.Ordinal);
        foreach (var section in new[] { "id=\"overview\"", "id=\"channels\"", "id=\"goals\"", "id=\"organic\"", "id=\"social\"", "id=\"paid-search\"", "id=\"email\"", "id=\"devices\"", "<svg", "data:text/csv;charset=utf-8;base64," })
            Assert.Contains(section, text, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", text, StringComparison.OrdinalIgnoreCase);
        var csv = await (await _node.AdminAsync(HttpMethod.Get, $"{Api}/reports/monthly.csv?month={month}")).Content.ReadAsStringAsync();
        Assert.StartsWith(ReportCsv.Header, csv, StringComparison.Ordinal);
        Assert.Contains("channel,paid_search,,", csv, StringComparison.Ordinal);

        var bad = await _node.AdminAsync(HttpMethod.Put, $"{Api}/report-schedule", new { enabled = true, day = 31, hourUtc = 0, recipients = new[] { "not an address" } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("recipients[0]", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var schedule = await _node.AdminAsync(HttpMethod.Put, $"{Api}/report-schedule", new { enabled = true, day = 1, hourUtc = 0, recipients = new[] { "team@example.com" } });
        Assert.Equal(HttpStatusCode.OK, schedule.StatusCode);
        var mailing = _node.App.Services.GetRequiredService<ReportMailing>();
        Assert.Equal(1, await mailing.SendDueAsync());
        Assert.Equal(0, await mailing.SendDueAsync());
        var sent = await _node.AdminAsync(HttpMethod.Post, $"{Api}/reports/monthly/send?month={month}&to=boss@example.com");
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);

        var emails = Directory.GetFiles(Path.Combine(_node.DataDirectory, "mail-pickup"), "*.eml").Select(File.ReadAllText).ToList();
        Assert.Equal(2, emails.Count);
        Assert.Contains(emails, e => e.Contains("To: team@example.com", StringComparison.Ordinal));
        var demand = Assert.Single(emails, e => e.Contains("To: boss@example.com", StringComparison.Ordinal));
        Assert.Contains($"Subject: Cross-channel report {month}", demand, StringComparison.Ordinal);
        Assert.Contains($"filename=report-{month}.csv", demand, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missed_kpi_target_raises_one_alert()
    {
        var targets = await _node.AdminTextAsync(HttpMethod.Put, $"{Api}/kpi-targets", """[{"channel":"email","kpi":"conversions","op":"atLeast","value":5,"period":"day"}]""");
        Assert.Equal(HttpStatusCode.OK, targets.StatusCode);
        var refused = await _node.AdminTextAsync(HttpMethod.Put, $"{Api}/kpi-targets", """[{"channel":"organic_search","kpi":"roas","op":"atLeast","value":5}]""");
        Assert.Contains("roas does not fit organic_search", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var alerts = _node.App.Services.GetRequiredService<KpiAlerts>();
        var workspace = (await _node.GetJsonAsync("/api/v1/workspaces")).EnumerateArray().Single(w => w.GetProperty("slug").GetString() == "default");
        var raised = Assert.Single(await alerts.CheckAsync(workspace.GetProperty("id").GetInt32()));
        Assert.Empty(await alerts.CheckAsync(workspace.GetProperty("id").GetInt32()));

        // The last whole day is yesterday, with no email conversion: 0 of at least 5, missed, once.
        var check = Assert.Single((await _node.GetJsonAsync($"{Api}/analytics/targets")).EnumerateArray());
        Assert.Equal((Day(2), "missed", 0.0), (check.GetProperty("periodStart").GetString(), check.GetProperty("status").GetString(), check.GetProperty("value").GetDouble()));
        var alert = Assert.Single((await _node.GetJsonAsync($"{Api}/analytics/alerts")).EnumerateArray());
        Assert.Equal((raised.Id, "email", "conversions"), (alert.GetProperty("id").GetString(), alert.GetProperty("channel").GetString(), alert.GetProperty("kpi").GetString()));
    }
}
