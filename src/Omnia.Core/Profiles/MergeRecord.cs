using Omnia.Core.Identity;

namespace Omnia.Core.Profiles;

/// <summary>A recorded merge: profile <see cref="From"/> became part of <see cref="Into"/> at log position <see cref="Seq"/>.</summary>
public sealed record MergeRecord(int WorkspaceId, long From, long Into, long Seq, DateTimeOffset At, IReadOnlyList<Identifier> Moved);