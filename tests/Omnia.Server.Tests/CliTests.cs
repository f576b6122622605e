using System.Diagnostics;
using System.Text.Json;

namespace Omnia.Server.Tests;

/// <summary>The <c>omnia</c> command as a user runs it: import a CSV, then look the person up.</summary>
public sealed class CliTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("omnia-cli-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }

    private static async Task<(int ExitCode, string Output)> OmniaAsync(string arguments)
    {
        var info = new ProcessStartInfo("dotnet", "omnia.dll " + arguments)
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        // Spectre.Console still bolds text with NO_COLOR set; the assertions are about the words.
        return (process.ExitCode, System.Text.RegularExpressions.Regex.Replace(await stdout + await stderr, "\u001b\\[[0-9;]*m", ""));
    }

    [Fact]
    public async Task Importing_a_crm_export_and_pos_sales_builds_one_profile_and_reports_bad_rows_by_line()
    {
        string data = Path.Combine(_directory, "data");
        string customers = Path.Combine(_directory, "crm.csv");
        await File.WriteAllTextAsync(customers, """
            customer_id,email,first_name,loyalty_tier,lifetime_orders
            c-100,Ines.Moreau@Example.com,Ines,gold,12
            c-101,not-an-email,Bob,silver,3
            """);
        string sales = Path.Combine(_directory, "pos.csv");
        await File.WriteAllTextAsync(sales, """
            email,order_id,revenue,timestamp,store_id
            ines.moreau@example.com,P-1,120.50,2026-03-01T10:00:00Z,sf-01
            ines.moreau@example.com,P-2,30,2026-03-05 16:30:00,sf-01
            """);

        var crm = await OmniaAsync($"import \"{customers}\" --kind customers --data \"{data}\"");
        var pos = await OmniaAsync($"import \"{sales}\" --kind events --event \"Order Completed\" --channel store --data \"{data}\"");
        var again = await OmniaAsync($"import \"{sales}\" --kind events --event \"Order Completed\" --channel store --data \"{data}\"");
        var profile = await OmniaAsync($"profile ines.moreau@example.com --json --data \"{data}\"");

        Assert.Equal(1, crm.ExitCode);
        Assert.Contains("1 imported", crm.Output);
        Assert.Contains("line 3", crm.Output);
        Assert.Contains("line,column,message", await File.ReadAllTextAsync(customers + ".errors.csv"));
        Assert.Equal(0, pos.ExitCode);
        Assert.Contains("2 imported", pos.Output);
        Assert.Contains("2 already there", again.Output);
        Assert.Equal(0, profile.ExitCode);
        var json = JsonDocument.Parse(profile.Output[profile.Output.IndexOf('{', StringComparison.Ordinal)..]).RootElement;
        Assert.Equal("gold", json.GetProperty("traits").GetProperty("loyalty_tier").GetString());
        Assert.Equal(2, json.GetProperty("computedTraits").GetProperty("orderCount").GetInt32());
        Assert.Equal(150.50m, json.GetProperty("computedTraits").GetProperty("revenue").GetDecimal());
        Assert.Equal("store", json.GetProperty("computedTraits").GetProperty("acquisitionChannel").GetString());
        Assert.Contains(json.GetProperty("identifiers").EnumerateArray(), i => i.GetProperty("type").GetString() == "userId" && i.GetProperty("value").GetString() == "c-100");
    }

    [Fact]
    public async Task Profile_for_an_unknown_identifier_says_so_and_exits_non_zero()
    {
        var result = await OmniaAsync($"profile nobody@example.com --data \"{Path.Combine(_directory, "empty")}\"");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("No profile has the identifier", result.Output);
    }

    [Fact]
    public async Task Segments_are_saved_from_a_file_with_the_same_errors_as_the_api_and_listed_with_their_sizes()
    {
        string data = Path.Combine(_directory, "data");
        string sales = Path.Combine(_directory, "pos.csv");
        await File.WriteAllTextAsync(sales, """
            email,order_id,revenue,timestamp
            a@example.com,P-1,620,2026-03-01T10:00:00Z
            b@example.com,P-2,30,2026-03-05T16:30:00Z
            """);
        Assert.Equal(0, (await OmniaAsync($"import \"{sales}\" --kind events --event \"Order Completed\" --data \"{data}\"")).ExitCode);

        string bad = Path.Combine(_directory, "bad.json");
        await File.WriteAllTextAsync(bad, """{"version":1,"name":"Big","condition":{"computed":{"name":"revenue","op":"most","value":500}}}""");
        var refused = await OmniaAsync($"segments apply \"{bad}\" --data \"{data}\"");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("condition.computed.op:", refused.Output, StringComparison.Ordinal);

        string good = Path.Combine(_directory, "big.json");
        await File.WriteAllTextAsync(good, """{"version":1,"name":"Big spenders","condition":{"computed":{"name":"revenue","op":"gte","value":500}}}""");
        var saved = await OmniaAsync($"segments apply \"{good}\" --data \"{data}\"");
        Assert.Equal(0, saved.ExitCode);
        Assert.Contains("Created segment big-spenders (version 1): 1 members", saved.Output, StringComparison.Ordinal);

        var list = await OmniaAsync($"segments list --data \"{data}\"");
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("big-spenders", list.Output, StringComparison.Ordinal);
    }
}
