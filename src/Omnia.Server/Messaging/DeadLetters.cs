using Omnia.Core.Journeys;
using Omnia.Server.Journeys;

namespace Omnia.Server.Messaging;

/// <summary>A webhook call the dispatcher gave up on: its journey and step, where it went, how often it tried, the last error.</summary>
public sealed record DeadLetter(string Key, string Journey, long JourneyId, string Step, string Url, string Method, int Attempts, string? Error, DateTimeOffset At, DateTimeOffset LastTriedAt);

/// <summary>
/// The webhook dead-letter list: outbox webhook items that failed for good (<see cref="OutboxStatus.Failed"/>), newest
/// first, and retrying one (back to pending, its attempts reset, due now; the dispatcher, which looks for due items
/// every second, takes it under the same idempotency key).
/// </summary>
public sealed class DeadLetters(IOutboxStore outbox, JourneyModels journeys, TimeProvider clock)
{
    public const int MaxListed = 200;

    public async Task<IReadOnlyList<DeadLetter>> ListAsync(int workspaceId, CancellationToken ct = default)
    {
        var model = journeys.All().FirstOrDefault(m => m.WorkspaceId == workspaceId);
        var failed = await outbox.ListAsync(workspaceId, null, OutboxStatus.Failed, MaxListed * 4, ct).ConfigureAwait(false);
        return failed.Where(i => i.Kind == OutboxKind.Webhook).Take(MaxListed).Select(i =>
        {
            var call = i.Webhook();
            return new DeadLetter(i.Key, model?.Version(i.JourneyId, i.Version)?.Definition.Name ?? $"journey {i.JourneyId}", i.JourneyId,
                call.NodeId, call.Url, call.Method, i.Attempts, i.Outcome, i.At, i.NotBefore);
        }).ToList();
    }

    /// <summary>Puts a dead letter back in the queue; false when there is no such dead letter in the workspace.</summary>
    public async Task<bool> RetryAsync(int workspaceId, string key, CancellationToken ct = default)
    {
        if (await outbox.GetAsync(key, ct).ConfigureAwait(false) is not { Kind: OutboxKind.Webhook, Status: OutboxStatus.Failed } item || item.WorkspaceId != workspaceId)
            return false;
        await outbox.UpdateAsync(key, OutboxStatus.Pending, 0, clock.GetUtcNow(), "retried by hand", ct).ConfigureAwait(false);
        return true;
    }
}
