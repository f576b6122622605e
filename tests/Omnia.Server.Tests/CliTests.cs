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

    private static Task<(int ExitCode, string Output)> OmniaAsync(string arguments) => OmniaCli.RunAsync(arguments);

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
        string data = Path.Combine(_directory, "data");
        string customers = Path.Combine(_directory, "crm.csv");
        await File.WriteAllTextAsync(customers, "email,first_name\nines@example.com,Ines\n");
        Assert.Equal(0, (await OmniaAsync($"import \"{customers}\" --kind customers --data \"{data}\"")).ExitCode);

        var result = await OmniaAsync($"profile nobody@example.com --data \"{data}\"");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("No profile has the identifier 'nobody@example.com'", result.Output);
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

    [Fact]
    public async Task A_data_directory_held_by_a_running_server_is_refused_in_one_line_that_names_the_pid_and_suggests_url()
    {
        await using var node = await TestNode.StartAsync(directory: Path.Combine(_directory, "held"));

        foreach (string command in new[] { "profile maya@example.com", "segments list", "personas train", "demo", $"serve --urls http://127.0.0.1:{OmniaProcess.FreePort()}" })
        {
            var result = await OmniaAsync($"{command} --data \"{node.DataDirectory}\"");

            Assert.Equal(2, result.ExitCode);
            string line = Assert.Single(result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            Assert.Contains($"{node.DataDirectory} is in use by another Omnia process (pid {Environment.ProcessId})", line, StringComparison.Ordinal);
            Assert.Contains("--url", line, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Serve_on_an_address_in_use_says_so_in_one_line()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;

        var result = await OmniaAsync($"serve --urls http://127.0.0.1:{port} --data \"{Path.Combine(_directory, "busy")}\"");

        Assert.Equal(2, result.ExitCode);
        string line = Assert.Single(result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains($"http://127.0.0.1:{port}: address already in use", line, StringComparison.Ordinal);
        Assert.Contains("--urls", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commands_that_read_a_store_refuse_a_directory_without_one_and_create_nothing()
    {
        string workingDirectory = Directory.CreateDirectory(Path.Combine(_directory, "cwd")).FullName;
        string missing = Path.Combine(_directory, "missing");
        string empty = Directory.CreateDirectory(Path.Combine(_directory, "empty")).FullName;

        var byDefault = await OmniaCli.RunAsync("profile maya@example.com", workingDirectory: workingDirectory);
        var notThere = await OmniaAsync($"segments list --data \"{missing}\"");
        var noStore = await OmniaAsync($"personas list --data \"{empty}\"");

        foreach (var (result, lookedAt) in new[] { (byDefault, Path.Combine(workingDirectory, "omnia-data")), (notThere, missing), (noStore, empty) })
        {
            Assert.Equal(2, result.ExitCode);
            string line = Assert.Single(result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            Assert.Contains($"There is no Omnia store {(result == noStore ? "in" : "at")} {lookedAt}", line, StringComparison.Ordinal);
            Assert.Contains("--data DIR", line, StringComparison.Ordinal);
            Assert.Contains("--url URL", line, StringComparison.Ordinal);
        }

        Assert.Empty(Directory.EnumerateFileSystemEntries(workingDirectory));
        Assert.False(Directory.Exists(missing));
        Assert.Empty(Directory.EnumerateFileSystemEntries(empty));
    }

    [Fact]
    public async Task Serve_says_it_loads_the_demo_only_on_the_start_that_loads_it()
    {
        string data = Path.Combine(_directory, "demo");

        string first = await ServeUntilRunningAsync(data);
        string restart = await ServeUntilRunningAsync(data);

        Assert.Contains("Loading the demo dataset (first start only)", first, StringComparison.Ordinal);
        Assert.Contains("Omnia is running at", restart, StringComparison.Ordinal);
        Assert.DoesNotContain("Loading the demo dataset", restart, StringComparison.Ordinal);
    }

    /// <summary>Runs <c>omnia serve --demo</c> until it says it is running, then stops it; returns what it printed.</summary>
    private static async Task<string> ServeUntilRunningAsync(string data)
    {
        var info = new System.Diagnostics.ProcessStartInfo(
            "dotnet", $"omnia.dll serve --urls http://127.0.0.1:{OmniaProcess.FreePort()} --data \"{data}\" --demo --demo-customers 30")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["OMNIA_BOOTSTRAP_ADMIN_KEY"] = TestNode.AdminKey;
        using var process = System.Diagnostics.Process.Start(info)!;
        var output = new System.Text.StringBuilder();
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (e.Data is null || e.Data.StartsWith("Press Ctrl+C", StringComparison.Ordinal))
            {
                running.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await running.Task.WaitAsync(TimeSpan.FromMinutes(2));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        lock (output)
        {
            return output.ToString();
        }
    }
}
