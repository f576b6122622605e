using Omnia.Core.Audiences;
using Omnia.Core.Events;
using Omnia.Core.Processing;
using Omnia.Core.Workspaces;

namespace Omnia.Storage.Tests;

/// <summary>One store under test: a fresh, empty instance per test; <see cref="Reopen"/> simulates a restart.</summary>
public interface IStoreUnderTest : IDisposable
{
    IEventStore Events { get; }


    IWorkspaceStore Workspaces { get; }

    ISegmentStore Segments { get; }

    ITransitionStore Transitions { get; }

    ISnapshotStore Snapshots { get; }

    Omnia.Core.Journeys.IOutboxStore Outbox { get; }

    Omnia.Core.Users.IUserStore Users { get; }

    Omnia.Core.Audit.IAuditStore Audit { get; }

    /// <summary>Closes every connection and opens the same store again.</summary>
    void Reopen();
}
