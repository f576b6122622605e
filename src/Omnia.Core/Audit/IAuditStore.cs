namespace Omnia.Core.Audit;

/// <summary>
/// The append-only audit log. There is deliberately no way to change or remove an entry: the store refuses updates
/// and deletes, and each entry's hash covers the one before it, so an edit made to the file is found by
/// <see cref="VerifyAsync"/>.
/// </summary>
public interface IAuditStore
{
    /// <summary>Appends one entry at <paramref name="at"/>, chained to the last one.</summary>
    ValueTask<AuditEntry> AppendAsync(AuditRecord record, DateTimeOffset at, CancellationToken cancellationToken = default);

    ValueTask<IReadOnlyList<AuditEntry>> ListAsync(AuditQuery query, CancellationToken cancellationToken = default);

    /// <summary>Re-computes the hash of every entry and compares it with the stored one.</summary>
    ValueTask<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default);
}
