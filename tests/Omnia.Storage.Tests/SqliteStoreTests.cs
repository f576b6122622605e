using Omnia.Core.Audiences;
using Omnia.Core.Events;
using Omnia.Core.Processing;
using Omnia.Core.Workspaces;
using Omnia.Storage.Sqlite;

namespace Omnia.Storage.Tests;

/// <summary>The shared storage suite against the embedded SQLite store in a temporary directory.</summary>
public sealed class SqliteStoreTests : StoreCompliance
{
    protected override IStoreUnderTest CreateStore() => new SqliteUnderTest();

    [Fact]
    public void A_second_store_on_the_same_data_directory_is_refused_until_the_first_is_closed()
    {
        string directory = Directory.CreateTempSubdirectory("omnia-lock-").FullName;
        var first = new SqliteStore(directory, TimeProvider.System);
        var refused = Assert.Throws<DataDirectoryInUseException>(() => new SqliteStore(directory, TimeProvider.System));
        Assert.Equal(Environment.ProcessId, refused.OwnerProcessId);
        Assert.Contains("in use by another Omnia process", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"pid {Environment.ProcessId}", refused.Message, StringComparison.Ordinal);

        first.Dispose();
        using var second = new SqliteStore(directory, TimeProvider.System);
        Assert.NotNull(second.Events);
    }

    private sealed class SqliteUnderTest : IStoreUnderTest
    {
        private readonly string _directory = Directory.CreateTempSubdirectory("omnia-sqlite-").FullName;
        private SqliteStore _store;

        public SqliteUnderTest() => _store = new SqliteStore(_directory, TimeProvider.System);

        public IEventStore Events => _store.Events;


        public IWorkspaceStore Workspaces => _store.Workspaces;

        public ISegmentStore Segments => _store.Segments;

        public ITransitionStore Transitions => _store.Transitions;

        public ISnapshotStore Snapshots => _store.Snapshots;

        public Omnia.Core.Journeys.IOutboxStore Outbox => _store.Outbox;

        public Omnia.Core.Users.IUserStore Users => _store.Users;

        public Omnia.Core.Audit.IAuditStore Audit => _store.Audit;

        public void Reopen()
        {
            _store.Dispose();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            _store = new SqliteStore(_directory, TimeProvider.System);
        }

        public void Dispose()
        {
            _store.Dispose();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp directory is harmless.
            }
        }
    }
}
