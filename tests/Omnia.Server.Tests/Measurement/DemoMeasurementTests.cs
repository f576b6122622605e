using System.Text.Json;
using Omnia.Core.Demo;

namespace Omnia.Server.Tests.Measurement;

/// <summary>What a marketer reads from the measurement API on the demo: journeys, funnels, attribution with ROAS, KPIs, Pareto.</summary>
public sealed class DemoMeasurementTests(DemoNode demo) : IClassFixture<DemoNode>
{
    private const string Api = "/api/v1/workspaces/default";

    private TestNode Node => demo.Node;

    [Fact]
    public async Task The_top_three_buyer_journeys_have_conversions_shares_and_times_to_convert()
    {
        var report = await Node.GetJsonAsync($"{Api}/analytics/paths?top=3");

        var all = report.GetProperty("groups")[0];
        var top = all.GetProperty("topConverting").EnumerateArray().ToList();
        Assert.Equal(3, top.Count);
        var conversions = top.Select(p => p.GetProperty("conversions").GetInt64()).ToList();
        Assert.Equal(conversions.OrderDescending(), conversions);
        Assert.All(top, p => Assert.True(p.GetProperty("share").GetDouble() > 0 && p.GetProperty("medianTimeToConvert").ValueKind == JsonValueKind.String));
        Assert.True(all.GetProperty("conversions").GetInt64() >= conversions.Sum());
    }

    [Fact]
    public async Task The_checkout_funnel_shows_its_drop_offs_and_a_segment_of_one_steps_dropouts_has_exactly_that_many_people()
    {
        var report = (await Node.GetJsonAsync($"{Api}/analytics/funnels/checkout")).GetProperty("report");
        var steps = report.GetProperty("total").GetProperty("steps").EnumerateArray().ToList();
        var people = steps.Select(s => s.GetProperty("people").GetInt64()).ToList();
        Assert.Equal(4, people.Count);
        Assert.Equal(people.OrderDescending(), people);
        Assert.True(people[0] > people[^1] && people[^1] > 0, string.Join(", ", people));
        Assert.Equal(people[0] - people[^1], steps.Sum(s => s.GetProperty("droppedAfter").GetInt64()));
        Assert.All(steps.Skip(1), s => Assert.Equal(JsonValueKind.String, s.GetProperty("medianFromPrevious").ValueKind));

        var from = report.GetProperty("from").GetDateTimeOffset().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var to = report.GetProperty("to").GetDateTimeOffset().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var created = await Node.AdminAsync(HttpMethod.Post, $"{Api}/funnels/checkout/dropouts", new { step = 2, from, to, slug = "demo-added-not-checked-out" });
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        await Node.AudiencesCaughtUpAsync();
        var segment = await Node.GetJsonAsync($"{Api}/segments/demo-added-not-checked-out");
        Assert.Equal(steps[1].GetProperty("droppedAfter").GetInt64(), segment.GetProperty("size").GetInt64());
    }

    [Fact]
    public async Task Every_attribution_model_credits_all_conversions_and_paid_channels_show_their_return_on_ad_spend()
    {
        var comparison = (await Node.GetJsonAsync($"{Api}/analytics/attribution")).GetProperty("comparison");
        var total = comparison.GetProperty("totalConversions").GetDouble();
        var rows = comparison.GetProperty("rows").EnumerateArray().ToList();

        Assert.Equal(["first_touch", "last_touch", "last_non_direct", "linear_touch", "time_decay", "position_based", "w_shaped", "markov_o1", "markov_o2", "markov_o3", "shapley"],
            comparison.GetProperty("models").EnumerateArray().Select(m => m.GetString()));
        for (var m = 0; m < 11; m++)
            Assert.Equal(total, rows.Sum(r => r.GetProperty("models")[m].GetProperty("conversions").GetDouble()), 6);
        foreach (var paid in DemoCosts.PaidChannels.Where(c => c != "sms" && c != "video"))
        {
            var row = rows.Single(r => r.GetProperty("channel").GetString() == paid);
            Assert.True(row.GetProperty("cost").GetDouble() > 0, paid);
            Assert.Equal(JsonValueKind.Number, row.GetProperty("models")[3].GetProperty("roas").ValueKind);
        }

        Assert.Contains(rows, r => r.GetProperty("removalEffects").GetProperty("2").GetDouble() > 0);
        Assert.True(comparison.GetProperty("shapleyExact").GetBoolean());
    }

    [Fact]
    public async Task Kpis_pareto_and_the_monthly_report_agree_on_the_month()
    {
        // The last whole month: the demo's 90 days cover it all.
        var month = DateTimeOffset.UtcNow.AddMonths(-1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var kpis = (await Node.GetJsonAsync($"{Api}/analytics/kpis?month={month}&period=week")).GetProperty("report");
        var report = await Node.GetJsonAsync($"{Api}/reports/monthly?month={month}");
        var pareto = (await Node.GetJsonAsync($"{Api}/analytics/pareto?month={month}&by=revenue")).GetProperty("ranking");

        var totals = kpis.GetProperty("totals").EnumerateArray().ToList();
        Assert.Equal(totals.Sum(r => r.GetProperty("conversions").GetInt64()) + kpis.GetProperty("conversionsWithoutTouchpoint").GetInt64(),
            report.GetProperty("current").GetProperty("conversions").GetInt64());
        Assert.Equal(totals.Sum(r => r.TryGetProperty("cost", out var c) ? c.GetDouble() : 0), report.GetProperty("current").GetProperty("cost").GetDouble(), 6);
        Assert.True(totals.Single(r => r.GetProperty("channel").GetString() == "paid_search").GetProperty("cpa").GetDouble() > 0);

        var items = pareto.GetProperty("items").EnumerateArray().ToList();
        var core = pareto.GetProperty("coreCount").GetInt32();
        Assert.True(core >= 1 && core < items.Count);
        Assert.True(items[core - 1].GetProperty("cumulative").GetDouble() >= 0.8);
        Assert.True(core == 1 || items[core - 2].GetProperty("cumulative").GetDouble() < 0.8);
        Assert.True(report.GetProperty("paidSearch").GetProperty("campaigns").GetArrayLength() >= 2);
    }

    [Fact]
    public async Task The_showcase_customers_visits_are_no_longer_mostly_direct()
    {
        var maya = await Node.ProfileAsync("email", DemoDataset.Showcase.Email);
        var visits = (await Node.GetJsonAsync($"{Api}/profiles/{maya.GetProperty("id").GetString()}/visits")).EnumerateArray().ToList();

        var touchpoints = visits.Where(v => v.GetProperty("touchpoint").GetBoolean()).ToList();
        var channels = touchpoints.Select(v => v.GetProperty("channel").GetString()).ToList();
        Assert.Superset(new HashSet<string?> { "organic_search", "paid_social", "email", "store", "support" }, channels.ToHashSet());
        Assert.True(channels.Count(c => c == "direct") * 2 < channels.Count, string.Join(", ", channels));
        Assert.Contains(visits, v => v.GetProperty("device").GetString() == "app" && !v.GetProperty("touchpoint").GetBoolean());
        Assert.Contains(visits, v => v.TryGetProperty("landing", out var l) && l.GetString()!.StartsWith('/'));
    }
}
