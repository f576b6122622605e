using System.Text.Json;
using Omnia.Core.Workspaces;

namespace Omnia.Server.Journeys;

/// <summary>
/// What a journey did over history recorded before it went live: the draft replayed over the log with the engine's
/// dry run (nothing sent), summed up. The demo stores one per demo journey when it installs them, so a new
/// installation's journeys show real figures from its recorded history beside their live counts (which start at
/// zero when the journey goes live). Not derived state: kept as the workspace setting <c>journey-history</c>.
/// </summary>
/// <param name="Profiles">Profiles replayed (the most recently seen, at most <see cref="JourneyDrafts.MaxDryRunProfiles"/>).</param>
public sealed record RecordedHistory(DateTimeOffset From, DateTimeOffset To, int Profiles, int Entered, int Messages, int Converted);

/// <summary>Reads and writes <see cref="RecordedHistory"/> per journey slug.</summary>
public sealed class JourneyHistories(IWorkspaceStore workspaces)
{
    private const string Setting = "journey-history";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyDictionary<string, RecordedHistory>> AllAsync(int workspaceId, CancellationToken ct = default) =>
        await workspaces.GetSettingAsync(workspaceId, Setting, ct) is { } json
            ? JsonSerializer.Deserialize<Dictionary<string, RecordedHistory>>(json, Json) ?? []
            : new Dictionary<string, RecordedHistory>();

    public async Task PutAsync(int workspaceId, string slug, RecordedHistory history, CancellationToken ct = default)
    {
        var all = new Dictionary<string, RecordedHistory>(await AllAsync(workspaceId, ct)) { [slug] = history };
        await workspaces.PutSettingAsync(workspaceId, Setting, JsonSerializer.Serialize(all, Json), ct);
    }

    /// <summary>The history of a dry run's report.</summary>
    public static RecordedHistory Of(DryRunView report) =>
        new(report.From, report.To, report.Profiles, report.Entered, report.MessageCount, report.Converted);
}
