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
        File.WriteAllText("/tmp/paths.json", report.ToString());
    }
}
