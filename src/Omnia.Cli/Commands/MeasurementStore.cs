using System.CommandLine;
using System.Text;

namespace Omnia.Cli.Commands;

/// <summary>
/// The options of the measurement commands: where the store is (<see cref="StoreOptions"/>: <c>--data</c> or
/// <c>--url</c>) and which days (<c>--month</c>, or <c>--from</c>/<c>--to</c>), for which goal (<c>--goal</c>).
/// </summary>
internal sealed class MeasurementStore
{
    public StoreOptions Store { get; } = new();

    public Option<string?> Month { get; } = new("--month") { Description = "A whole month, e.g. 2026-11 (instead of --from/--to)" };

    public Option<string?> From { get; } = new("--from") { Description = "First day counted (ISO date; default: 30 days before --to)" };

    public Option<string?> To { get; } = new("--to") { Description = "The day after the last one counted (ISO date; default: tomorrow)" };

    public Option<string?> Goal { get; } = new("--goal") { Description = "The conversion goal's slug (default: the workspace's first goal)" };

    public Option<bool> Json { get; } = new("--json") { Description = "Print the API's JSON answer instead of a table" };

    private bool _period;
    private bool _goal;

    /// <summary>Adds the options to <paramref name="command"/> (with the period and goal when asked) and returns it.</summary>
    public Command AddTo(Command command, bool period = true, bool goal = true, bool json = true)
    {
        (_period, _goal) = (period, goal);
        Store.AddTo(command);
        if (period)
        {
            command.Options.Add(Month);
            command.Options.Add(From);
            command.Options.Add(To);
        }

        if (goal)
            command.Options.Add(Goal);
        if (json)
            command.Options.Add(Json);
        return command;
    }

    /// <summary>The query string of the period and goal, followed by <paramref name="more"/> (name, value; null values left out).</summary>
    public string Query(ParseResult parse, params (string Name, string? Value)[] more)
    {
        var parts = new List<(string, string?)>();
        if (_period)
            parts.AddRange([("month", parse.GetValue(Month)), ("from", parse.GetValue(From)), ("to", parse.GetValue(To))]);
        if (_goal)
            parts.Add(("goal", parse.GetValue(Goal)));
        parts.AddRange(more);
        var query = new StringBuilder();
        foreach (var (name, value) in parts)
        {
            if (string.IsNullOrWhiteSpace(value))
                continue;
            query.Append(query.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }

        return query.ToString();
    }

    /// <summary>Opens the workspace's measurement API on the server (<c>--url</c>) or in the data directory.</summary>
    public async Task<IMeasurementSession> OpenAsync(ParseResult parse, CancellationToken ct)
    {
        var workspace = parse.GetValue(Store.Workspace)!;
        if (parse.GetValue(Store.Url) is { } url)
        {
            if (parse.GetValue(Store.Data) is not null)
                throw new CommandFailure("Give either --data (a local store) or --url (a running server), not both.");
            var adminKey = parse.ValueOrEnvironment(Store.AdminKey, CommonOptions.AdminKeyVariable)
                ?? throw new CommandFailure($"--url needs an admin key: pass --admin-key KEY or set {CommonOptions.AdminKeyVariable}.");
            var http = OmniaHttp.WithAdminKey(url, adminKey);
            var remote = new RemoteMeasurement(http, workspace);
            try
            {
                await remote.GetAsync("goals", ct);
            }
            catch
            {
                await remote.DisposeAsync();
                throw;
            }

            return remote;
        }

        return await LocalMeasurement.OpenAsync(StoreOptions.ExistingStore(parse.GetValue(Store.Data)), workspace, ct);
    }
}
