using Omnia.Core.Journeys;
using Omnia.Server.Journeys;

namespace Omnia.Server.Messaging;

/// <summary>
/// One message of a profile's message log: what a journey asked to send (journey, step, content, channel) and what
/// became of it — pending, sending, sent, suppressed (with the contact policy's reason), failed (with the provider's
/// words) — from the outbox.
/// </summary>
public sealed record MessageLogEntry(
    string Key, string Journey, long JourneyId, int Version, string Step, string Content, string Channel, string Status, string? Outcome,
    DateTimeOffset At, DateTimeOffset NotBefore, int Attempts);

/// <summary>A profile's message log, newest first: the messages journeys sent it or tried to.</summary>
public sealed class ProfileMessages(IOutboxStore outbox, JourneyModels journeys)
{
    public const int MaxEntries = 200;

    public async Task<IReadOnlyList<MessageLogEntry>> ListAsync(int workspaceId, long profileId, int limit = 50, CancellationToken ct = default)
    {
        var model = journeys.All().FirstOrDefault(m => m.WorkspaceId == workspaceId);
        var items = await outbox.ListAsync(workspaceId, profileId, null, Math.Clamp(limit, 1, MaxEntries) * 2, ct).ConfigureAwait(false);
        return items.Where(i => i.Kind == OutboxKind.Message).Take(Math.Clamp(limit, 1, MaxEntries)).Select(i =>
        {
            var message = i.Message();
            var name = model?.Version(i.JourneyId, i.Version)?.Definition.Name ?? $"journey {i.JourneyId}";
            return new MessageLogEntry(i.Key, name, i.JourneyId, i.Version, message.NodeId, message.Content, message.Channel,
                StatusName(i.Status), i.Outcome, i.At, i.NotBefore, i.Attempts);
        }).ToList();
    }

    /// <summary>How the log names a status.</summary>
    public static string StatusName(OutboxStatus status) => status switch
    {
        OutboxStatus.Done => "sent",
        OutboxStatus.Suppressed => "suppressed",
        OutboxStatus.Failed => "failed",
        OutboxStatus.Sending => "sending",
        _ => "pending",
    };
}
