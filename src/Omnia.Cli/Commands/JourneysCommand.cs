using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Spectre.Console;

namespace Omnia.Cli.Commands;

/// <summary>
/// <c>omnia journeys list|show|apply|publish|pause|resume|archive|dry-run|dead-letters|retry</c> and
/// <c>omnia journeys content-apply</c>: journeys and their content on a running server (<c>--url</c>), through the same
/// API and validation as the builder. They need the server because publishing hands the journey to its running
/// engine; a local data directory is locked while that server runs.
/// </summary>
internal static class JourneysCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Create()
    {
        var command = new Command("journeys", "Journeys and their content on a running server (--url): list, show, apply, publish, dry run, dead letters (docs/journeys.md)");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Show());
        command.Subcommands.Add(Apply("apply", "Save a journey draft from a JSON file (saved even when invalid; its problems are listed)", "journeys"));
        command.Subcommands.Add(Apply("content-apply", "Save a content item from a JSON file (docs/messaging.md)", "content"));
        foreach (var (name, help) in new[] { ("publish", "Publish the draft as a new live version"), ("pause", "Stop new entries; people in it finish"), ("resume", "Take entries again"), ("archive", "Stop it and take it off the list") })
            command.Subcommands.Add(Action(name, help));
        command.Subcommands.Add(DryRun());
        command.Subcommands.Add(DeadLetters());
        command.Subcommands.Add(Retry());
        return command;
    }

    private sealed class Remote
    {
        public Option<string?> Url { get; } = CommonOptions.Url();

        public Option<string?> AdminKey { get; } = CommonOptions.AdminKey();

        public Option<string> Workspace { get; } = CommonOptions.Workspace();

        public Command AddTo(Command command)
        {
            command.Options.Add(Url);
            command.Options.Add(AdminKey);
            command.Options.Add(Workspace);
            return command;
        }

        public (OmniaHttp Http, string Api) Open(ParseResult parse)
        {
            string url = parse.GetValue(Url) ?? throw new CommandFailure("Journeys live in the running server: pass --url http://host:port (and --admin-key or OMNIA_ADMIN_KEY).");
            string key = parse.ValueOrEnvironment(AdminKey, CommonOptions.AdminKeyVariable)
                ?? throw new CommandFailure($"--url needs an admin key: pass --admin-key KEY or set {CommonOptions.AdminKeyVariable}.");
            return (OmniaHttp.WithAdminKey(url, key), $"/api/v1/workspaces/{Uri.EscapeDataString(parse.GetValue(Workspace)!)}");
        }
    }

    private static async Task<JsonElement> CallAsync(OmniaHttp http, HttpMethod method, string path, HttpContent? body, CancellationToken ct)
    {
        using var response = await http.SendAsync(method, path, body, ct);
        if (!response.IsSuccessStatusCode)
            throw await http.FailureAsync(response, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    private static Command List()
    {
        var remote = new Remote();
        var command = remote.AddTo(new Command("list", "Journeys with their status, live version and counts"));
        command.SetAction(async (parse, ct) =>
        {
            var (http, api) = remote.Open(parse);
            using var _ = http;
            var journeys = await CallAsync(http, HttpMethod.Get, $"{api}/journeys", null, ct);
            var table = new Table().AddColumns("Slug", "Name", "Status", "Version", "Entered", "Active", "Converted", "Recorded history");
            foreach (var j in journeys.EnumerateArray())
            {
                var history = j.TryGetProperty("history", out var h) && h.ValueKind == JsonValueKind.Object
                    ? $"{h.GetProperty("entered").GetInt32():N0} entered, {h.GetProperty("messages").GetInt32():N0} messages, {h.GetProperty("converted").GetInt32():N0} converted (replayed)"
                    : "";
                table.AddRow(Markup.Escape(j.GetProperty("slug").GetString()!), Markup.Escape(j.GetProperty("name").GetString()!), j.GetProperty("status").GetString()!,
                    j.GetProperty("liveVersion").GetInt32().ToString(CultureInfo.InvariantCulture), N(j, "entered"), N(j, "active"), N(j, "converted"), Markup.Escape(history));
            }

            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }

    private static string N(JsonElement e, string name) => e.GetProperty(name).GetInt64().ToString("N0", CultureInfo.InvariantCulture);

    private static Command Show()
    {
        var slug = new Argument<string>("slug") { Description = "The journey's slug" };
        var remote = new Remote();
        var command = remote.AddTo(new Command("show", "A journey's draft, its problems and its live counts per step and variant") { slug });
        command.SetAction(async (parse, ct) =>
        {
            var (http, api) = remote.Open(parse);
            using var _ = http;
            Console.WriteLine(JsonSerializer.Serialize(await CallAsync(http, HttpMethod.Get, $"{api}/journeys/{Uri.EscapeDataString(parse.GetValue(slug)!)}", null, ct), Indented));
            return 0;
        });
        return command;
    }

    private static Command Apply(string name, string help, string collection)
    {
        var slug = new Argument<string>("slug") { Description = "The slug to save it under" };
        var file = new Argument<FileInfo>("file") { Description = "The JSON file" };
        var remote = new Remote();
        var command = remote.AddTo(new Command(name, help) { slug, file });
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
                throw new CommandFailure($"There is no file {path.FullName}.");
            var (http, api) = remote.Open(parse);
            using var _ = http;
            var saved = await CallAsync(http, HttpMethod.Put, $"{api}/{collection}/{Uri.EscapeDataString(parse.GetValue(slug)!)}",
                new StringContent(await File.ReadAllTextAsync(path.FullName, ct), Encoding.UTF8, "application/json"), ct);
            var problems = saved.ValueKind == JsonValueKind.Object && saved.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Array ? e.EnumerateArray().Select(x => x.ToString()).ToList() : [];
            AnsiConsole.MarkupLineInterpolated($"Saved {parse.GetValue(slug)}{(problems.Count == 0 ? "." : $", with {problems.Count} problem(s) to fix before publishing:")}");
            foreach (var p in problems)
                AnsiConsole.MarkupLineInterpolated($"  [yellow]{p}[/]");
            return 0;
        });
        return command;
    }

    private static Command Action(string name, string help)
    {
        var slug = new Argument<string>("slug") { Description = "The journey's slug" };
        var remote = new Remote();
        var command = remote.AddTo(new Command(name, help) { slug });
        command.SetAction(async (parse, ct) =>
        {
            var (http, api) = remote.Open(parse);
            using var _ = http;
            var result = await CallAsync(http, HttpMethod.Post, $"{api}/journeys/{Uri.EscapeDataString(parse.GetValue(slug)!)}/{name}", null, ct);
            AnsiConsole.MarkupLineInterpolated($"{parse.GetValue(slug)}: {name} done{(result.ValueKind == JsonValueKind.Object && result.TryGetProperty("version", out var v) ? $", version {v}" : "")}.");
            return 0;
        });
        return command;
    }

    private static Command DryRun()
    {
        var slug = new Argument<string>("slug") { Description = "The journey's slug" };
        var profile = new Option<string?>("--profile") { Description = "Replay over one profile (prf_123) instead of everyone seen in the period" };
        var days = new Option<int?>("--days") { Description = "The period: the last N days (default 7, or 30 for one profile)" };
        var remote = new Remote();
        var command = remote.AddTo(new Command("dry-run", "Replay the draft over recorded history: what it would have sent to whom; nothing is sent") { slug, profile, days });
        command.SetAction(async (parse, ct) =>
        {
            var (http, api) = remote.Open(parse);
            using var _ = http;
            var query = new List<string>();
            if (parse.GetValue(profile) is { } p)
                query.Add($"profile={Uri.EscapeDataString(p)}");
            if (parse.GetValue(days) is { } d)
                query.Add($"days={d.ToString(CultureInfo.InvariantCulture)}");
            var report = await CallAsync(http, HttpMethod.Post, $"{api}/journeys/{Uri.EscapeDataString(parse.GetValue(slug)!)}/dry-run{(query.Count > 0 ? "?" + string.Join("&", query) : "")}", null, ct);
            AnsiConsole.MarkupLineInterpolated($"{report.GetProperty("profiles").GetInt32():N0} profiles replayed: {report.GetProperty("entered").GetInt32():N0} would have entered, {report.GetProperty("messageCount").GetInt32():N0} messages, {report.GetProperty("converted").GetInt32():N0} converted.");
            var table = new Table().AddColumns("When", "To", "Step", "Content", "Channel");
            foreach (var m in report.GetProperty("messages").EnumerateArray().Take(50))
                table.AddRow(m.GetProperty("at").GetString()!, m.GetProperty("profileId").GetString()!, Markup.Escape(m.GetProperty("step").GetString()!), Markup.Escape(m.GetProperty("content").GetString()!), m.GetProperty("channel").GetString()!);
            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }

    private static Command DeadLetters()
    {
        var remote = new Remote();
        var command = remote.AddTo(new Command("dead-letters", "Webhook calls given up on, with the last error"));
        command.SetAction(async (parse, ct) =>
        {
            var (http, api) = remote.Open(parse);
            using var _ = http;
            var letters = await CallAsync(http, HttpMethod.Get, $"{api}/outbox/dead-letters", null, ct);
            var table = new Table().AddColumns("Key", "Journey", "Step", "Call", "Attempts", "Last error");
            foreach (var l in letters.EnumerateArray())
                table.AddRow(Markup.Escape(l.GetProperty("key").GetString()!), Markup.Escape(l.GetProperty("journey").GetString()!), Markup.Escape(l.GetProperty("step").GetString()!),
                    Markup.Escape($"{l.GetProperty("method").GetString()} {l.GetProperty("url").GetString()}"), l.GetProperty("attempts").GetInt32().ToString(CultureInfo.InvariantCulture),
                    Markup.Escape(l.TryGetProperty("error", out var e) ? e.ToString() : ""));
            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }

    private static Command Retry()
    {
        var key = new Argument<string>("key") { Description = "The dead letter's key (omnia journeys dead-letters lists them)" };
        var remote = new Remote();
        var command = remote.AddTo(new Command("retry", "Put a dead letter back in the queue") { key });
        command.SetAction(async (parse, ct) =>
        {
            var (http, api) = remote.Open(parse);
            using var _ = http;
            await CallAsync(http, HttpMethod.Post, $"{api}/outbox/dead-letters/{Uri.EscapeDataString(parse.GetValue(key)!)}/retry", null, ct);
            AnsiConsole.MarkupLine("Queued again.");
            return 0;
        });
        return command;
    }
}
