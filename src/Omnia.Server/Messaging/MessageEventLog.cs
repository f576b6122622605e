using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Omnia.Core.Identity;
using Omnia.Core.Messaging;
using Omnia.Core.Profiles;
using Omnia.Core.Workspaces;
using Omnia.Server.Ingestion;

namespace Omnia.Server.Messaging;

/// <summary>
/// Writes message events (sent, suppressed, opened, clicked, unsubscribed, …) into the event log through ingestion,
/// as track calls of the profile they concern, from the workspace's "Journeys" source: durable, and touchpoints of
/// their channel and campaign.
/// </summary>
public sealed class MessageEventLog(IProfileStore profiles, IWorkspaceStore workspaces, EventWriter writer, ILogger<MessageEventLog> logger)
{
    private readonly ConcurrentDictionary<int, int> _sources = new();
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Appends the event for the profile; false when the profile has no identifier any more (erased).</summary>
    public async Task<bool> RecordAsync(int workspaceId, long profileId, MessageEvent message, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var (userId, anonymousId) = await IdsAsync(profileId, ct).ConfigureAwait(false);
        if (userId is null && anonymousId is null)
            return false;
        var (_, rejected) = await writer.WriteAsync(workspaceId, await SourceAsync(workspaceId, ct).ConfigureAwait(false), [message.ToSegmentJson(userId, anonymousId)], ct).ConfigureAwait(false);
        if (rejected.Count > 0)
            logger.LogWarning("The {Event} event {Id} was refused: {Reason}", message.Name, message.EventId, rejected[0]);
        return rejected.Count == 0;
    }

    /// <summary>The profile's user id and anonymous id, to address events to it.</summary>
    public async Task<(string? UserId, string? AnonymousId)> IdsAsync(long profileId, CancellationToken ct = default)
    {
        var identifiers = await profiles.IdentifiersAsync(profileId, ct).ConfigureAwait(false);
        return (identifiers.Where(i => i.Type == IdentifierTypes.UserId).Select(i => i.Value).FirstOrDefault(),
            identifiers.Where(i => i.Type == IdentifierTypes.AnonymousId).Select(i => i.Value).FirstOrDefault());
    }

    /// <summary>The workspace's "Journeys" source, created the first time something is written.</summary>
    public async Task<int> SourceAsync(int workspaceId, CancellationToken ct = default)
    {
        if (_sources.TryGetValue(workspaceId, out var id))
            return id;
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var existing = (await workspaces.ListSourcesAsync(workspaceId, ct).ConfigureAwait(false)).FirstOrDefault(s => s.Kind == "journeys");
            id = existing?.Id ?? (await workspaces.CreateSourceAsync(workspaceId, "Journeys", "journeys", SecretKeys.Hash(SecretKeys.NewWriteKey()), "journeys", ct).ConfigureAwait(false)).Id;
            _sources[workspaceId] = id;
            return id;
        }
        finally
        {
            _gate.Release();
        }
    }
}
