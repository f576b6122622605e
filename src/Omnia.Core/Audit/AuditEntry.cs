namespace Omnia.Core.Audit;

/// <summary>
/// One recorded change, as stored: who made it (<see cref="Actor"/>, e.g. <c>user owner@example.com</c> or
/// <c>key ci-script</c>), from where (<see cref="Client"/>, the client address), in which workspace (null: the
/// installation), what (<see cref="Action"/> such as <c>segment.saved</c>, on <see cref="Target"/>) and the state
/// before and after as JSON (null when there was none). <see cref="Hash"/> chains each entry to the one before.
/// </summary>
public sealed record AuditEntry(
    long Seq,
    DateTimeOffset At,
    int? WorkspaceId,
    string Actor,
    string? Client,
    string Action,
    string Target,
    string? Before,
    string? After,
    string Hash);

/// <summary>A change to append to the audit log; the store adds the number, time and hash.</summary>
public sealed record AuditRecord(int? WorkspaceId, string Actor, string? Client, string Action, string Target, string? Before, string? After);

/// <summary>
/// Which entries to read: a workspace's, plus the installation-wide ones when <see cref="IncludeGlobal"/>; after
/// <see cref="After"/> (oldest first) or before <see cref="Before"/> (newest first), at most <see cref="Limit"/>.
/// </summary>
public sealed record AuditQuery(int WorkspaceId, bool IncludeGlobal, long After = 0, long? Before = null, int Limit = 100, string? Action = null)
{
    /// <summary>Newest first when reading backwards from <see cref="Before"/>.</summary>
    public bool NewestFirst => Before is not null;
}

/// <summary>The result of re-computing the hash chain: how many entries were checked and the first that does not match.</summary>
public sealed record AuditVerification(long Entries, long? FirstBrokenSeq)
{
    public bool Intact => FirstBrokenSeq is null;
}
