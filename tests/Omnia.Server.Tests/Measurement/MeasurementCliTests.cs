using System.Globalization;
using System.Text.Json;

namespace Omnia.Server.Tests.Measurement;

/// <summary>A data directory holding the demo dataset (150 customers), with no server running on it.</summary>
public sealed class DemoStoreFixture : IAsyncLifetime
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("omnia-cli-measure-").FullName;

    public async Task InitializeAsync()
    {
        var node = await TestNode.StartAsync(demo: true, demoCustomers: 150, directory: Directory);
        await node.App.StopAsync();
        await node.App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    public Task DisposeAsync()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }

        return Task.CompletedTask;
    }
}

/// <summary>The measurement commands on a data directory: the monthly report, costs, and the same figures as the API.</summary>
public sealed class MeasurementCliTests(DemoStoreFixture store) : IClassFixture<DemoStoreFixture>
{
    /// <summary>The last whole month: the demo's 90 days cover it all.</summary>
    private static readonly string Month = DateTimeOffset.UtcNow.AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private string Data => $"--data \"{store.Directory}\"";

    [Fact]
    public async Task Report_writes_the_month_as_a_self_contained_html_file_or_as_csv()
    {
        var html = Path.Combine(store.Directory, "..", $"report-{Guid.NewGuid():N}.html");
        var written = await OmniaCli.RunAsync($"report --month {Month} --out \"{html}\" {Data}");
        Assert.True(written.ExitCode == 0, written.Output);
        Assert.Contains("Wrote the report to", written.Output, StringComparison.Ordinal);
        var text = await File.ReadAllTextAsync(html);
        File.Delete(html);
        Assert.Contains($"<h1>Cross-channel report: {DateOnly.ParseExact(Month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture).ToString("MMMM yyyy", CultureInfo.InvariantCulture)}</h1>", text, StringComparison.Ordinal);
        Assert.Contains("id=\"paid-search\"", text, StringComparison.Ordinal);
        Assert.Contains("<svg", text, StringComparison.Ordinal);

        var csv = await OmniaCli.RunAsync($"report --month {Month} --format csv {Data}");
        Assert.True(csv.ExitCode == 0, csv.Output);
        Assert.StartsWith(Omnia.Server.Measurement.ReportCsv.Header, csv.Output, StringComparison.Ordinal);

        var bad = await OmniaCli.RunAsync($"report --month 2026-13 {Data}");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("month: '2026-13' is not a month; use 2026-11", bad.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Costs_import_reports_bad_rows_by_line_and_the_rows_it_saved_are_listed()
    {
        var file = Path.Combine(store.Directory, "..", $"costs-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, "date,channel,campaign,spend,impressions,clicks\n2020-01-01,tv,prime_time,5000,900000,0\n2020-01-02,tv,prime_time,lots,1,1\n");
        var imported = await OmniaCli.RunAsync($"costs import \"{file}\" {Data}");
        File.Delete(file);

        Assert.Equal(1, imported.ExitCode);
        Assert.Contains("Imported 1 cost row(s)", imported.Output, StringComparison.Ordinal);
        Assert.Contains("line 3: spend 'lots' is not a number", imported.Output, StringComparison.Ordinal);
        var listed = await OmniaCli.RunAsync($"costs list --from 2020-01-01 --to 2020-01-03 {Data}");
        Assert.Equal("date,channel,campaign,spend,impressions,clicks\n2020-01-01,tv,prime_time,5000,900000,0\n", listed.Output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task The_commands_give_the_figures_the_api_gives()
    {
        var paths = await OmniaCli.RunAsync($"paths --month {Month} --top 3 --json {Data}");
        var models = await OmniaCli.RunAsync($"models --month {Month} --json {Data}");
        var funnel = await OmniaCli.RunAsync($"funnel checkout --month {Month} --json {Data}");
        var table = await OmniaCli.RunAsync($"paths --month {Month} --top 3 {Data}");
        Assert.True(paths.ExitCode == 0 && models.ExitCode == 0 && funnel.ExitCode == 0 && table.ExitCode == 0, paths.Output + models.Output + funnel.Output + table.Output);

        // A server on the same directory (stopped, not disposed: disposing would delete the fixture's directory).
        var node = await TestNode.StartAsync(directory: store.Directory);
        try
        {
            var api = "/api/v1/workspaces/default";
            AssertSameJson(await node.GetJsonAsync($"{api}/analytics/paths?month={Month}&top=3"), paths.Output);
            AssertSameJson(await node.GetJsonAsync($"{api}/analytics/attribution?month={Month}"), models.Output);
            AssertSameJson(await node.GetJsonAsync($"{api}/analytics/funnels/checkout?month={Month}"), funnel.Output);
        }
        finally
        {
            await node.App.StopAsync();
            await node.App.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }

        var top = JsonDocument.Parse(paths.Output).RootElement.GetProperty("groups")[0].GetProperty("topConverting")[0];
        Assert.Contains(string.Join(" → ", top.GetProperty("touches").EnumerateArray().Select(t => t.GetProperty("channel").GetString())), table.Output, StringComparison.Ordinal);
    }

    private static void AssertSameJson(JsonElement api, string cliOutput)
    {
        var cli = JsonDocument.Parse(cliOutput).RootElement;
        Assert.Equal(Normalize(api), Normalize(cli));
    }

    private static string Normalize(JsonElement element) => JsonSerializer.Serialize(element);
}
