using System.Net;
using System.Text.Json;
using Omnia.Core.Demo;

namespace Omnia.Server.Tests;

/// <summary>A demo node on a free port, shared by the tests that talk to it with <c>omnia … --url</c>.</summary>
public sealed class DemoServerFixture : IAsyncLifetime
{
    public TestNode Node { get; private set; } = null!;

    public string Url => Node.Client.BaseAddress!.ToString().TrimEnd('/');

    public async Task InitializeAsync() => Node = await TestNode.StartAsync(demo: true, demoCustomers: 200);

    public async Task DisposeAsync() => await Node.DisposeAsync();
}

/// <summary>The <c>omnia</c> commands against a running server: <c>--url</c> with an admin key, as with a local store.</summary>
public sealed class CliRemoteTests(DemoServerFixture server) : IClassFixture<DemoServerFixture>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("omnia-cli-remote-").FullName;

    private string Remote => $"--url {server.Url} --admin-key {TestNode.AdminKey}";

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

    private static Task<(int ExitCode, string Output)> OmniaAsync(string arguments, IReadOnlyDictionary<string, string?>? environment = null) =>
        OmniaCli.RunAsync(arguments, environment);

    private static JsonElement JsonOf(string output) =>
        JsonDocument.Parse(output[output.IndexOf('{', StringComparison.Ordinal)..]).RootElement.Clone();

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Fact]
    public async Task Journeys_over_url_apply_content_and_a_draft_list_its_problems_publish_it_and_replay_it_as_the_api_does()
    {
        string content = Path.Combine(_directory, "content.json"), draft = Path.Combine(_directory, "journey.json"), broken = Path.Combine(_directory, "broken.json");
        await File.WriteAllTextAsync(content, """{"version":1,"name":"CLI reminder","email":{"subject":"Your cart","text":"Back to your cart: https://shop.example.com/cart"}}""");
        await File.WriteAllTextAsync(draft, DemoJourneys.AbandonedCart().Replace("cart-reminder", "cli-reminder", StringComparison.Ordinal).Replace("\"Abandoned cart\"", "\"CLI cart\"", StringComparison.Ordinal));
        await File.WriteAllTextAsync(broken, """{"version":1,"name":"Broken","trigger":{"event":{"name":"X"}},"start":"nowhere","nodes":[]}""");

        var saved = await OmniaAsync($"journeys content-apply cli-reminder {content} {Remote}");
        Assert.True(saved.ExitCode == 0, saved.Output);
        var applied = await OmniaAsync($"journeys apply cli-cart {draft} {Remote}");
        Assert.True(applied.ExitCode == 0, applied.Output);
        Assert.Contains("Saved cli-cart.", applied.Output, StringComparison.Ordinal);
        var published = await OmniaAsync($"journeys publish cli-cart {Remote}");
        Assert.True(published.ExitCode == 0, published.Output);
        var list = await OmniaAsync($"journeys list {Remote}");
        Assert.Contains(Lines(list.Output), l => l.Contains("cli-cart", StringComparison.Ordinal) && l.Contains("live", StringComparison.Ordinal));

        var replay = await OmniaAsync($"journeys dry-run cli-cart --days 90 {Remote}");
        Assert.True(replay.ExitCode == 0, replay.Output);
        using var api = await server.Node.AdminAsync(HttpMethod.Post, "/api/v1/workspaces/default/journeys/cli-cart/dry-run?days=90");
        var report = JsonDocument.Parse(await api.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains($"{report.GetProperty("entered").GetInt32():N0} would have entered, {report.GetProperty("messageCount").GetInt32():N0} messages",
            replay.Output.ReplaceLineEndings(" "), StringComparison.Ordinal);

        var brokenApplied = await OmniaAsync($"journeys apply cli-broken {broken} {Remote}");
        Assert.True(brokenApplied.ExitCode == 0, brokenApplied.Output);
        Assert.Contains("problem(s) to fix before publishing", brokenApplied.Output, StringComparison.Ordinal);
        var refused = await OmniaAsync($"journeys publish cli-broken {Remote}");
        Assert.Equal(2, refused.ExitCode);
        Assert.True(refused.Output.Contains("nodes", StringComparison.Ordinal) || refused.Output.Contains("start", StringComparison.Ordinal), refused.Output);
        var local = await OmniaAsync($"journeys list --data {_directory}");
        Assert.NotEqual(0, local.ExitCode);
        Assert.Contains("--url", local.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Profile_over_url_shows_the_person_the_api_shows_by_email_phone_user_id_anonymous_id_and_profile_id()
    {
        string id = (await server.Node.ProfileAsync("email", DemoDataset.Showcase.Email)).GetProperty("id").GetString()!;

        foreach (string identifier in new[]
        {
            DemoDataset.Showcase.Email, DemoDataset.Showcase.Phone, DemoDataset.Showcase.UserId, DemoDataset.Showcase.LaptopAnonymousId, id,
        })
        {
            var json = await OmniaAsync($"profile \"{identifier}\" --json {Remote}");
            Assert.True(json.ExitCode == 0, json.Output);
            Assert.Equal(id, JsonOf(json.Output).GetProperty("id").GetString());
        }

        var rendered = await OmniaAsync($"profile {DemoDataset.Showcase.Email} {Remote}");
        Assert.Equal(0, rendered.ExitCode);
        Assert.Contains(id, rendered.Output, StringComparison.Ordinal);
        Assert.Contains("Identities", rendered.Output, StringComparison.Ordinal);
        Assert.Contains(DemoDataset.Showcase.UserId, rendered.Output, StringComparison.Ordinal);
        Assert.Contains("Latest 20 events", rendered.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Profile_over_url_says_when_nobody_has_the_identifier_and_relays_the_servers_refusal_of_an_unknown_type()
    {
        var nobody = await OmniaAsync($"profile nobody@example.com {Remote}");
        var badType = await OmniaAsync($"profile someone --type emial {Remote}");

        Assert.Equal(1, nobody.ExitCode);
        Assert.Contains("No profile has the identifier 'nobody@example.com'", nobody.Output, StringComparison.Ordinal);
        Assert.Equal(2, badType.ExitCode);
        string line = Assert.Single(Lines(badType.Output));
        Assert.Contains("'emial' is not an identifier type", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_admin_key_comes_from_OMNIA_ADMIN_KEY_when_no_option_gives_it()
    {
        var fromEnvironment = await OmniaAsync($"profile {DemoDataset.Showcase.Email} --json --url {server.Url}", new Dictionary<string, string?> { ["OMNIA_ADMIN_KEY"] = TestNode.AdminKey });
        var withoutKey = await OmniaAsync($"segments list --url {server.Url}");
        var wrongKey = await OmniaAsync($"segments list --url {server.Url}", new Dictionary<string, string?> { ["OMNIA_ADMIN_KEY"] = "ak_wrong" });

        Assert.Equal(0, fromEnvironment.ExitCode);
        Assert.Contains(JsonOf(fromEnvironment.Output).GetProperty("identifiers").EnumerateArray(), i => i.GetProperty("value").GetString() == DemoDataset.Showcase.Email);
        Assert.Equal(2, withoutKey.ExitCode);
        Assert.Contains("--admin-key KEY or set OMNIA_ADMIN_KEY", Assert.Single(Lines(withoutKey.Output)), StringComparison.Ordinal);
        Assert.Equal(2, wrongKey.ExitCode);
        Assert.Contains("does not accept that admin key", Assert.Single(Lines(wrongKey.Output)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Segments_over_url_are_applied_listed_shown_estimated_and_deleted_as_the_api_sees_them()
    {
        string bad = Path.Combine(_directory, "bad.json");
        await File.WriteAllTextAsync(bad, """{"version":1,"name":"Remote big","condition":{"computed":{"name":"revenue","op":"most","value":500}}}""");
        string good = Path.Combine(_directory, "good.json");
        await File.WriteAllTextAsync(good, """{"version":1,"name":"Remote big spenders","condition":{"computed":{"name":"revenue","op":"gte","value":300}}}""");

        var refused = await OmniaAsync($"segments apply \"{bad}\" {Remote}");
        Assert.Equal(2, refused.ExitCode);
        Assert.StartsWith("The segment definition has 1 problem(s); nothing was saved.", refused.Output, StringComparison.Ordinal);
        Assert.Contains("condition.computed.op:", refused.Output, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Node.AdminAsync(HttpMethod.Get, "/api/v1/workspaces/default/segments/remote-big")).StatusCode);

        var created = await OmniaAsync($"segments apply \"{good}\" {Remote}");
        var saved = await server.Node.GetJsonAsync("/api/v1/workspaces/default/segments/remote-big-spenders");
        long size = saved.GetProperty("size").GetInt64();
        Assert.Equal(0, created.ExitCode);
        Assert.Equal("ready", saved.GetProperty("status").GetString());
        Assert.True(size > 0);
        Assert.Contains($"Created segment remote-big-spenders (version 1): {size:N0} members.", created.Output, StringComparison.Ordinal);

        var again = await OmniaAsync($"segments apply \"{good}\" {Remote}");
        Assert.Contains("Saved segment remote-big-spenders", again.Output, StringComparison.Ordinal);

        var list = await OmniaAsync($"segments list {Remote}");
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("remote-big-spenders", list.Output, StringComparison.Ordinal);
        Assert.Contains("cart-abandoners", list.Output, StringComparison.Ordinal);

        var show = await OmniaAsync($"segments show remote-big-spenders {Remote}");
        var firstMember = (await server.Node.GetJsonAsync("/api/v1/workspaces/default/segments/remote-big-spenders/members?limit=1")).GetProperty("members")[0];
        Assert.Equal(0, show.ExitCode);
        Assert.Contains($"Remote big spenders (remote-big-spenders, version 1): {size:N0} members", show.Output, StringComparison.Ordinal);
        Assert.Contains("\"op\": \"gte\"", show.Output, StringComparison.Ordinal);
        Assert.Contains(firstMember.GetProperty("id").GetString()!, show.Output, StringComparison.Ordinal);

        var estimate = await OmniaAsync($"segments estimate \"{good}\" --exact {Remote}");
        Assert.Equal(0, estimate.ExitCode);
        Assert.Contains($"Exactly {size:N0} of", estimate.Output, StringComparison.Ordinal);

        var inUse = await OmniaAsync($"segments delete lapsed-vips {Remote}");
        Assert.Equal(2, inUse.ExitCode);
        Assert.Contains("is used by 'lapsed-vips-holdout'", Assert.Single(Lines(inUse.Output)), StringComparison.Ordinal);

        var deleted = await OmniaAsync($"segments delete remote-big-spenders {Remote}");
        var deletedAgain = await OmniaAsync($"segments delete remote-big-spenders {Remote}");
        var shownAfter = await OmniaAsync($"segments show remote-big-spenders {Remote}");
        Assert.Equal(0, deleted.ExitCode);
        Assert.Contains("Deleted segment remote-big-spenders.", deleted.Output, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Node.AdminAsync(HttpMethod.Get, "/api/v1/workspaces/default/segments/remote-big-spenders")).StatusCode);
        Assert.Equal(1, deletedAgain.ExitCode);
        Assert.Equal(1, shownAfter.ExitCode);
        Assert.Contains("There is no segment 'remote-big-spenders'", shownAfter.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Personas_over_url_are_trained_listed_and_renamed()
    {
        var trained = await OmniaAsync($"personas train --k 3 --seed 2 {Remote}");
        var api = await server.Node.GetJsonAsync("/api/v1/workspaces/default/personas");
        Assert.True(trained.ExitCode == 0, trained.Output);
        Assert.Equal(3, api.GetArrayLength());
        foreach (var persona in api.EnumerateArray())
        {
            Assert.Contains($"│ {persona.GetProperty("key").GetString()} ", trained.Output, StringComparison.Ordinal);
        }

        // Training waits until every profile with events is assigned, so the counts are final.
        Assert.Equal(api.EnumerateArray().Sum(p => p.GetProperty("trainedSize").GetInt64()), api.EnumerateArray().Sum(p => p.GetProperty("profiles").GetInt64()));

        var renamed = await OmniaAsync($"personas rename p2 Trailblazers {Remote}");
        var list = await OmniaAsync($"personas list {Remote}");
        var unknown = await OmniaAsync($"personas rename p9 Nobody {Remote}");
        var tooMany = await OmniaAsync($"personas train --k 50 {Remote}");

        Assert.Equal(0, renamed.ExitCode);
        Assert.Contains("Persona p2 is now called Trailblazers.", renamed.Output, StringComparison.Ordinal);
        Assert.Equal("Trailblazers", (await server.Node.GetJsonAsync("/api/v1/workspaces/default/personas")).EnumerateArray().Single(p => p.GetProperty("key").GetString() == "p2").GetProperty("name").GetString());
        Assert.Contains("Trailblazers", list.Output, StringComparison.Ordinal);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("There is no persona 'p9'", unknown.Output, StringComparison.Ordinal);
        Assert.Equal(2, tooMany.ExitCode);
        Assert.Contains("'k' must be between 2 and 20", Assert.Single(Lines(tooMany.Output)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_over_url_takes_the_write_key_from_OMNIA_WRITE_KEY_and_the_person_is_then_found_over_url()
    {
        string customers = Path.Combine(_directory, "crm.csv");
        await File.WriteAllTextAsync(customers, "customer_id,email,first_name\nr-1,remote.import@example.com,Rhea\n");

        var withoutKey = await OmniaAsync($"import \"{customers}\" --kind customers --url {server.Url}");
        var imported = await OmniaAsync($"import \"{customers}\" --kind customers --url {server.Url}", new Dictionary<string, string?> { ["OMNIA_WRITE_KEY"] = TestNode.WriteKey });
        await server.Node.CatchUpAsync();
        var profile = await OmniaAsync($"profile r-1 --json {Remote}");

        Assert.Equal(2, withoutKey.ExitCode);
        Assert.Contains("--write-key KEY or set OMNIA_WRITE_KEY", Assert.Single(Lines(withoutKey.Output)), StringComparison.Ordinal);
        Assert.True(imported.ExitCode == 0, imported.Output);
        Assert.Contains("1 imported", imported.Output, StringComparison.Ordinal);
        Assert.Equal(0, profile.ExitCode);
        Assert.Equal("Rhea", JsonOf(profile.Output).GetProperty("traits").GetProperty("first_name").GetString());
    }

    [Fact]
    public async Task A_server_that_is_not_there_is_reported_in_one_line_naming_the_url()
    {
        string url = $"http://127.0.0.1:{OmniaProcess.FreePort()}";

        var result = await OmniaAsync($"segments list --url {url} --admin-key {TestNode.AdminKey}");

        Assert.Equal(2, result.ExitCode);
        string line = Assert.Single(Lines(result.Output));
        Assert.Contains($"Cannot reach Omnia at {url}/: connection refused", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Data_and_url_together_are_refused()
    {
        var result = await OmniaAsync($"segments list --data \"{_directory}\" {Remote}");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("not both", Assert.Single(Lines(result.Output)), StringComparison.Ordinal);
    }
}
