namespace Omnia.Core.Privacy;

/// <summary>
/// What privacy work leaves behind: each workspace's hashing secret, the hashed identifiers of erased people, and a
/// record of each erasure without personal data. Implemented by the embedded store and, later, PostgreSQL.
/// </summary>
public interface IPrivacyStore
{
    /// <summary>The workspace's secret for <see cref="SuppressionHash"/>, created on first use.</summary>
    ValueTask<byte[]> SecretAsync(int workspaceId, CancellationToken cancellationToken = default);

    ValueTask AddSuppressionsAsync(int workspaceId, IReadOnlyCollection<string> hashes, CancellationToken cancellationToken = default);

    ValueTask<IReadOnlyList<string>> SuppressionsAsync(int workspaceId, CancellationToken cancellationToken = default);

    ValueTask<ErasureRecord> RecordErasureAsync(ErasureRecord erasure, CancellationToken cancellationToken = default);

    ValueTask<IReadOnlyList<ErasureRecord>> ErasuresAsync(int workspaceId, int limit, CancellationToken cancellationToken = default);

    /// <summary>The workspace's retention in days (null: events are kept).</summary>
    ValueTask<int?> RetentionDaysAsync(int workspaceId, CancellationToken cancellationToken = default);

    ValueTask SetRetentionDaysAsync(int workspaceId, int? days, CancellationToken cancellationToken = default);
}

/// <summary>
/// One erasure, as kept afterwards: when, at whose request (a user or key name, not the person), and how much was
/// removed — never who the person was.
/// </summary>
public sealed record ErasureRecord(long Id, int WorkspaceId, DateTimeOffset At, string RequestedBy, int Profiles, long Events, int IdentifiersSuppressed);
