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
        return (process.ExitCode, await stdout + await stderr);
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
}
