using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Omnia.Core.Demo;

namespace Omnia.Dashboard.Tests;

/// <summary>
/// What a marketer reads on the demo under Measure: channel KPIs with targets and alerts, the top buyer journeys with
/// their Sankey, a funnel with its drop-offs saved as a segment, every attribution model with ROAS, the Pareto view,
/// the monthly report, goals and costs, and a person's visits.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed partial class MeasurementTests(DashboardNode node)
{
    /// <summary>The last whole month: the demo's 90 days cover it all.</summary>
    private static readonly string LastMonth = DateTimeOffset.UtcNow.AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static async Task ChartDrawnAsync(ILocator chart)
    {
        await Assertions.Expect(chart).ToHaveAttributeAsync("data-state", "ready");
        Assert.True(await chart.Locator("svg path, svg rect").CountAsync() > 3, "The chart drew nothing.");
    }

    [Fact]
    public async Task Analytics_shows_every_channels_kpis_with_costs_the_targets_and_a_notice_of_the_missed_ones()
    {
        var page = await node.SignedInPageAsync();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Analytics" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Analytics");

        var search = page.Locator("#kpi-table tbody tr[data-channel=paid_search]");
        await Assertions.Expect(search).ToHaveCountAsync(1);
        var cells = await search.Locator("td").AllInnerTextsAsync();
        Assert.Matches(@"^\d+\.\d\d×$", cells[^2]); // ROAS
        Assert.Matches(@"^[\d,]+\.\d\d$", cells[^5]); // cost
        Assert.True(await page.Locator("#kpi-table tbody tr").CountAsync() >= 8);
        await ChartDrawnAsync(page.Locator(".echart[data-source=kpi-chart]"));

        var statuses = await page.Locator("#targets-table tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.status)");
        Assert.Equal(5, statuses.Length);
        Assert.Contains("missed", statuses);
        await Assertions.Expect(page.Locator("#kpi-alerts")).ToContainTextAsync("missed");

        await page.GetByLabel("Per", new() { Exact = true }).SelectOptionAsync("week");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("period=week"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Revenue per week, by channel" })).ToBeVisibleAsync();
        await Artifacts.ScreenshotAsync(page, "60-analytics-kpis");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Buyer_journeys_list_the_top_three_paths_under_a_sankey_and_break_down_by_device()
    {
        var page = await node.SignedInPageAsync();
        await page.GotoAsync("/w/default/analytics");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Analytics" }).GetByRole(AriaRole.Link, new() { Name = "Buyer journeys" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Buyer journeys");

        var rows = page.Locator("table.top-paths").First.Locator("tbody tr");
        Assert.True(await rows.CountAsync() >= 3);
        var top3 = (await rows.EvaluateAllAsync<int[]>("rows => rows.slice(0, 3).map(r => Number(r.cells[2].textContent.replace(/,/g, '')))")).ToList();
        Assert.Equal(top3.OrderDescending(), top3);
        Assert.True(top3[2] > 0);
        await Assertions.Expect(rows.First.Locator(".channel").First).ToBeVisibleAsync();
        await ChartDrawnAsync(page.Locator(".echart[data-chart=sankey]").First);
        await Artifacts.ScreenshotAsync(page, "61-analytics-journeys");

        await page.GetByLabel("Break down by", new() { Exact = true }).SelectOptionAsync("device");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        var groups = await page.Locator("section[data-group]").EvaluateAllAsync<string[]>("s => s.map(x => x.dataset.group)");
        Assert.Contains("desktop", groups);
        Assert.Contains("mobile", groups);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_funnel_shows_its_drop_offs_and_a_marketer_saves_one_steps_dropouts_as_a_segment_of_that_many_people()
    {
        var (email, password) = await node.AddUserAsync("Marketer");
        var page = await node.SignedInPageAsync(email, password);
        await page.GotoAsync("/w/default/analytics/funnels");
        await page.GetByRole(AriaRole.Link, new() { Name = "Checkout", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Checkout");

        var steps = page.Locator("table.funnel-steps").First.Locator("tbody tr");
        await Assertions.Expect(steps).ToHaveCountAsync(4);
        var people = await steps.EvaluateAllAsync<long[]>("rows => rows.map(r => Number(r.cells[1].textContent.replace(/,/g, '')))");
        Assert.Equal(people.OrderDescending(), people);
        Assert.True(people[0] > people[3]);
        var dropped = await steps.Nth(1).Locator("td").Nth(3).InnerTextAsync();
        long droppedAfterTwo = long.Parse(dropped.Split(' ')[0].Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
        Assert.True(droppedAfterTwo > 0);
        await ChartDrawnAsync(page.Locator(".echart[data-source=funnel-chart]"));
        await Assertions.Expect(page.Locator("#survey")).ToContainTextAsync("What stopped you from ordering?");
        await Artifacts.ScreenshotAsync(page, "62-analytics-funnel");

        await steps.Nth(1).GetByRole(AriaRole.Button, new() { Name = "Save as segment" }).ClickAsync();
        await Assertions.Expect(page.Locator("#dropouts-saved")).ToContainTextAsync("Saved the segment");
        await page.Locator("#dropouts-saved a").ClickAsync();
        await node.AudiencesCaughtUpAsync();
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Checkout: dropped after Added to cart");
        Assert.Contains(droppedAfterTwo.ToString("#,0", CultureInfo.InvariantCulture), await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Attribution_puts_every_model_side_by_side_with_roas_removal_effects_and_shapley_contributions()
    {
        var page = await node.SignedInPageAsync();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Attribution" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Attribution");

        var headers = await page.Locator("#models-table thead th").AllTextContentsAsync();
        Assert.Equal(["first_touch", "last_touch", "last_non_direct", "linear_touch", "time_decay", "position_based", "w_shaped", "markov_o1", "markov_o2", "markov_o3", "shapley"], headers.Skip(2));
        var roas = await page.Locator("#returns-table tbody tr[data-channel=paid_search] td").AllInnerTextsAsync();
        Assert.All(roas.Skip(1).Take(4), value => Assert.Matches(@"^\d+\.\d\d×$", value));
        Assert.True(await page.Locator("#returns-table tbody tr").CountAsync() >= 4, "Paid search, paid social, display and affiliate have costs.");
        Assert.True(await page.Locator("#removal-table tbody tr").CountAsync() >= 5);
        await Assertions.Expect(page.Locator("#shapley-title")).ToBeVisibleAsync();
        Assert.True(await page.Locator("#shapley-table tbody tr").CountAsync() >= 5);
        await ChartDrawnAsync(page.Locator(".echart[data-source=attribution-chart]"));
        await Artifacts.ScreenshotAsync(page, "63-attribution");

        await page.GetByLabel("Credit", new() { Exact = true }).SelectOptionAsync("campaign");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Assertions.Expect(page.Locator("#models-table thead th").First).ToHaveTextAsync("Campaign");
        await Assertions.Expect(page.Locator("#models-table tbody")).ToContainTextAsync("brand_search");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Pareto_names_the_few_channels_that_bring_eighty_percent()
    {
        var page = await node.SignedInPageAsync();
        await page.GotoAsync($"/w/default/analytics/pareto?month={LastMonth}&by=revenue");

        var title = await page.Locator("#pareto-title").InnerTextAsync();
        var match = Regex.Match(title, @"^(\d+) of (\d+) channels bring (\d+\.\d)% of revenue$");
        Assert.True(match.Success, title);
        int core = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(core < int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) && double.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture) >= 80);
        Assert.Equal(core, await page.Locator("#pareto-table tbody tr[data-core=true]").CountAsync());
        await ChartDrawnAsync(page.Locator(".echart[data-chart=pareto]"));
        await Artifacts.ScreenshotAsync(page, "64-analytics-pareto");

        await page.GetByLabel("Rank", new() { Exact = true }).SelectOptionAsync("journeys");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Assertions.Expect(page.Locator("#pareto-title")).ToContainTextAsync("journeys bring");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_monthly_report_shows_the_month_its_file_downloads_and_a_marketer_sends_it_and_schedules_it()
    {
        var (email, password) = await node.AddUserAsync("Marketer");
        var page = await node.SignedInPageAsync(email, password);
        await page.GotoAsync("/w/default/analytics/report");
        await Assertions.Expect(page.Locator("#q-month")).ToHaveValueAsync(LastMonth);
        await Assertions.Expect(page.Locator("#tile-revenue [data-value]")).Not.ToHaveTextAsync("0.00");

        var report = page.FrameLocator("#report-frame");
        await Assertions.Expect(report.Locator("h1")).ToContainTextAsync("Cross-channel report");
        foreach (var section in new[] { "Overview", "All channels", "Goals and conversions", "Organic search", "Social", "Paid search", "Email", "Devices" })
            await Assertions.Expect(report.GetByRole(AriaRole.Heading, new() { Name = section, Exact = true })).ToBeVisibleAsync();
        Assert.True(await report.Locator("svg").CountAsync() >= 3);
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#download-html").ClickAsync());
        Assert.Equal($"report-{LastMonth}.html", download.SuggestedFilename);
        await Artifacts.ScreenshotAsync(page, "65-analytics-report");

        await page.GetByLabel("To", new() { Exact = true }).FillAsync("cmo@example.com");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Send the {LastMonth} report" }).ClickAsync();
        await Assertions.Expect(page.Locator("#report-sent")).ToHaveTextAsync("The report was sent to cmo@example.com.");

        await page.GetByLabel("Send it every month", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Recipients", new() { Exact = true }).FillAsync("team@example.com\nnot-an-address");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save schedule" }).ClickAsync();
        await Assertions.Expect(page.Locator("#report-errors")).ToContainTextAsync("recipients[1]: 'not-an-address' is not an email address");
        await page.GetByLabel("Recipients", new() { Exact = true }).FillAsync("team@example.com");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save schedule" }).ClickAsync();
        await Assertions.Expect(page.Locator("#schedule-saved")).ToBeVisibleAsync();
        var (_, body) = await node.AdminAsync(HttpMethod.Get, "/api/v1/workspaces/default/report-schedule");
        Assert.Equal(["team@example.com"], JsonDocument.Parse(body).RootElement.GetProperty("recipients").EnumerateArray().Select(r => r.GetString()));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_marketer_edits_a_goal_with_errors_shown_by_path_and_imports_costs_with_bad_rows_named_by_line()
    {
        var (email, password) = await node.AddUserAsync("Marketer");
        var page = await node.SignedInPageAsync(email, password);
        await page.GotoAsync("/w/default/analytics/goals");

        var slug = $"signup-{Guid.NewGuid():N}"[..14];
        await page.GetByLabel("Slug", new() { Exact = true }).FillAsync(slug);
        await page.GetByLabel("Definition (JSON)", new() { Exact = true }).FillAsync("""{"version":1,"name":"Sign-ups","event":{"name":"Signed Up","where":[{"property":"plan","op":"withinLast","value":"3d"}]}}""");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save goal" }).ClickAsync();
        await Assertions.Expect(page.Locator("#goal-errors li[data-path='event.where[0].op']")).ToBeVisibleAsync();
        await page.GetByLabel("Definition (JSON)", new() { Exact = true }).FillAsync("""{"version":1,"name":"Sign-ups","event":{"name":"Signed Up"},"lookback":"14d"}""");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save goal" }).ClickAsync();
        await Assertions.Expect(page.Locator("#saved")).ToHaveTextAsync("Goal “Sign-ups” saved.");
        await Assertions.Expect(page.Locator("#goals-table")).ToContainTextAsync(slug);

        var file = Path.Combine(Path.GetTempPath(), $"tv-costs-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, "date,channel,campaign,spend,impressions,clicks\n2026-01-05,tv,spring_spot,12000,2500000,0\n2026-01-06,tv,spring_spot,€12,1,1\n");
        await page.Locator("#costs-file").SetInputFilesAsync(file);
        await page.GetByRole(AriaRole.Button, new() { Name = "Import costs" }).ClickAsync();
        File.Delete(file);
        await Assertions.Expect(page.Locator("#cost-errors")).ToContainTextAsync("Imported 1 row(s); 1 could not be read:");
        await Assertions.Expect(page.Locator("#cost-errors")).ToContainTextAsync("line 3: spend '€12' is not a number");
        await Artifacts.ScreenshotAsync(page, "66-analytics-goals");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_showcase_customers_profile_lists_her_visits_and_few_of_them_are_direct()
    {
        var page = await node.SignedInPageAsync();
        await page.GotoAsync($"/w/default/profiles?q={Uri.EscapeDataString(DemoDataset.Showcase.Email)}");
        await page.Locator("table tbody tr a").First.ClickAsync();

        var channels = await page.Locator("#visits-table tbody tr[data-touchpoint=true]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.channel)");
        Assert.Superset(new HashSet<string> { "organic_search", "paid_social", "email", "store" }, channels.ToHashSet());
        Assert.True(channels.Count(c => c == "direct") * 2 < channels.Length, string.Join(", ", channels));
        await Assertions.Expect(page.Locator("#visits-table")).ToContainTextAsync("App, opened by the person");
        await Artifacts.ScreenshotAsync(page, "67-profile-visits");
        await page.Context.CloseAsync();
    }
}
