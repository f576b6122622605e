using System.Diagnostics;
using System.Text.Json;

namespace Omnia.Server.Tests;

/// <summary>The real <c>@segment/analytics-node</c> client from the npm registry, pointed at a running Omnia.</summary>
public sealed class SegmentSdkTests : IAsyncLifetime
{
    private TestNode _node = null!;

    public async Task InitializeAsync() => _node = await TestNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    private static async Task<string> RunAsync(string file, string arguments, string directory, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        Assert.True(process.ExitCode == 0, $"{file} {arguments} failed ({process.ExitCode}): {await stderr}");
        return await stdout;
    }

    [Fact]
    public async Task The_segment_node_sdk_delivers_every_call_type_and_the_person_is_resolved()
    {
        string sdk = Path.Combine(OmniaProcess.RepositoryRoot, "tests", "segment-sdk");
        if (!Directory.Exists(Path.Combine(sdk, "node_modules", "@segment", "analytics-node")))
        {
            await RunAsync("npm", "install --no-audit --no-fund", sdk);
        }

        string run = Guid.NewGuid().ToString("N")[..8];
        string output = await RunAsync("node", "send.mjs", sdk, new Dictionary<string, string>
        {
            ["OMNIA_HOST"] = _node.Client.BaseAddress!.ToString().TrimEnd('/'),
            ["WRITE_KEY"] = TestNode.WriteKey,
            ["RUN_ID"] = run,
        });

        var result = JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement;
        Assert.Equal(0, result.GetProperty("errors").GetArrayLength());
        Assert.True(result.GetProperty("requests").GetInt32() >= 1);

        var profile = await _node.ProfileAsync("userId", $"user-{run}");
        Assert.Equal(7, profile.GetProperty("eventCount").GetInt32());
        Assert.Equal("Sam SDK", profile.GetProperty("traits").GetProperty("name").GetString());
        var identifiers = profile.GetProperty("identifiers").EnumerateArray().Select(i => (i.GetProperty("type").GetString(), i.GetProperty("value").GetString())).ToList();
        Assert.Contains(("anonymousId", $"anon-{run}"), identifiers);
        Assert.Contains(("email", $"sam.{run}@example.com"), identifiers);
        Assert.Equal(99.9m, profile.GetProperty("computedTraits").GetProperty("revenue").GetDecimal());
        var byAnonymous = await _node.ProfileAsync("anonymousId", $"anon-{run}");
        Assert.Equal(profile.GetProperty("id").GetString(), byAnonymous.GetProperty("id").GetString());
    }
}
