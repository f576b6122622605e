using Omnia.Core.Events;
using Omnia.Core.Profiles;
using Omnia.Core.Workspaces;
using Omnia.Storage.Sqlite;

namespace Omnia.Storage.Tests;

/// <summary>The shared storage suite against the embedded SQLite store in a temporary directory.</summary>
public sealed class SqliteStoreTests : StoreCompliance
{
    protected override IStoreUnderTest CreateStore() => new SqliteUnderTest();

    private sealed class SqliteUnderTest : IStoreUnderTest
    {
        private readonly string _directory = Directory.CreateTempSubdirectory("omnia-sqlite-").FullName;
        private SqliteStore _store;

        public SqliteUnderTest() => _store = new SqliteStore(_directory, TimeProvider.System);

        public IEventStore Events => _store.Events;

        public IProfileStore Profiles => _store.Profiles;

        public IWorkspaceStore Workspaces => _store.Workspaces;

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
