namespace Omnia.Core.Journeys;

/// <summary>
/// The journeys' outbox: side effects written by the engine under their idempotency keys and carried out by the
/// dispatcher. Implemented by the embedded store and, later, PostgreSQL (where several nodes claim items).
/// </summary>
public interface IOutboxStore
{
    /// <summary>Adds items; an item whose key is already there is ignored (a replay). Returns how many were new.</summary>
    ValueTask<int> AddAsync(IReadOnlyList<OutboxItem> items, CancellationToken cancellationToken = default);

    /// <summary>Pending items due at <paramref name="now"/>, oldest first.</summary>
    ValueTask<IReadOnlyList<OutboxItem>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default);

    /// <summary>Records what became of an item (done, suppressed, failed, or still pending with a later <c>notBefore</c>).</summary>
    ValueTask UpdateAsync(string key, OutboxStatus status, int attempts, DateTimeOffset notBefore, string? outcome, CancellationToken cancellationToken = default);

    /// <summary>Deletes every item of these profiles (an erasure: payloads may hold personal data).</summary>
    ValueTask DeleteProfilesAsync(IReadOnlyCollection<long> profileIds, CancellationToken cancellationToken = default);

    /// <summary>An item by key, or null.</summary>
    ValueTask<OutboxItem?> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Items of a profile (newest first) or, with <paramref name="status"/>, of that status (the dead-letter list).</summary>
    ValueTask<IReadOnlyList<OutboxItem>> ListAsync(int workspaceId, long? profileId, OutboxStatus? status, int limit, CancellationToken cancellationToken = default);
}
