using System.Diagnostics;
using System.Globalization;

namespace Omnia.Server.Tests;

/// <summary><c>omnia attribution PATHS.csv --out RESULT.csv</c> as an analyst's script runs it (the automation contract).</summary>
public sealed class AttributionCliTests : IDisposable
{
    private const string ContractHeader =
        "channel_name,first_touch_conversions,first_touch_value,last_touch_conversions,last_touch_value,linear_touch_conversions,linear_touch_value,"
        + "markov_o1_conversions,markov_o1_value,markov_o2_conversions,markov_o2_value,markov_o3_conversions,markov_o3_value,"
        + "markov_o1_removal_effect_conversion,markov_o2_removal_effect_conversion,markov_o3_removal_effect_conversion";

    private readonly string _directory = Directory.CreateTempSubdirectory("omnia-attribution-cli-").FullName;

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

    private static async Task<(int ExitCode, string Stdout, string Stderr)> OmniaAsync(string arguments)
    {
        var info = new ProcessStartInfo("dotnet", "omnia.dll " + arguments)
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await stdout, await stderr);
    }

    private static Dictionary<string, Dictionary<string, double>> Rows(string csv)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l => l.Split(',')).ToDictionary(
            f => f[0],
            f => header.Skip(1).Select((h, i) => (h, double.Parse(f[i + 1], CultureInfo.InvariantCulture))).ToDictionary(x => x.h, x => x.Item2));
    }

    [Fact]
    public async Task Attribution_writes_the_contract_columns_with_every_model_credited()
    {
        string paths = Path.Combine(_directory, "paths.csv");
        string result = Path.Combine(_directory, "result.csv");
        // CRLF and a quoted path, as a spreadsheet exports them.
        await File.WriteAllTextAsync(paths, "path;total_conversions;total_conversion_value;total_null\r\n\"a > b\";1;30;0\r\nb > a;1;10;1\r\n");

        var run = await OmniaAsync($"attribution \"{paths}\" --out \"{result}\"");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stderr);
        string csv = await File.ReadAllTextAsync(result);
        Assert.Equal(ContractHeader, csv.Split('\n')[0]);
        var rows = Rows(csv);
        Assert.Equal(["a", "b"], rows.Keys);
        // First touch: a > b's conversion (value 30) goes to a. Linear: half of each path each.
        Assert.Equal(1, rows["a"]["first_touch_conversions"]);
        Assert.Equal(30, rows["a"]["first_touch_value"]);
        Assert.Equal(20, rows["b"]["linear_touch_value"], 12);
        // Order 1, solved by hand in MarkovModelTests: removal effects 2/3 and 5/6 → credits 8/9 and 10/9, value 240/17 and 440/17.
        Assert.Equal(2.0 / 3, rows["a"]["markov_o1_removal_effect_conversion"], 14);
        Assert.Equal(8.0 / 9, rows["a"]["markov_o1_conversions"], 14);
        Assert.Equal(440.0 / 17, rows["b"]["markov_o1_value"], 12);
        // Order 2 and 3: each path is one state holding both channels, so removing either loses everything.
        Assert.Equal(1, rows["a"]["markov_o3_removal_effect_conversion"], 14);
        Assert.Equal(1, rows["b"]["markov_o2_conversions"], 14);
        Assert.Contains("2 paths (2 distinct), 2 channels", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_models_are_chosen_with_models()
    {
        string paths = Path.Combine(_directory, "paths.csv");
        await File.WriteAllTextAsync(paths, "path,total_conversions,total_conversion_value,total_null\nemail > direct,2,50,1\nsearch,1,20,3\n");

        var run = await OmniaAsync($"attribution \"{paths}\" --models last_non_direct,shapley");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("channel_name,last_non_direct_conversions,last_non_direct_value,shapley_conversions,shapley_value\n", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, Rows(run.Stdout)["email"]["last_non_direct_conversions"]);
    }

    [Fact]
    public async Task A_bad_file_is_refused_with_its_line_number_and_exit_code_2()
    {
        string paths = Path.Combine(_directory, "bad.csv");
        string result = Path.Combine(_directory, "result.csv");
        await File.WriteAllTextAsync(paths, "path;total_conversions;total_conversion_value;total_null\na > b;1;30;0\nb > a;one;10;1\n");

        var run = await OmniaAsync($"attribution \"{paths}\" --out \"{result}\"");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("line 3: total_conversions is 'one', not a number", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(result));
    }
}
