using Microsoft.Data.Sqlite;

namespace Omnia.Storage.Sqlite;

/// <summary>Creates and upgrades the schema. Each version's script runs once, in a transaction.</summary>
internal static class SqliteSchema
{
    /// <summary>The event log database: the source of truth, plus workspaces, keys, settings and users.</summary>
    public static readonly string[] Log =
    [
        """
        CREATE TABLE workspaces (
            id INTEGER PRIMARY KEY,
            slug TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            created_at INTEGER NOT NULL);
        CREATE TABLE sources (
            id INTEGER PRIMARY KEY,
            workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            write_key_hash TEXT NOT NULL UNIQUE,
            write_key_prefix TEXT NOT NULL,
            created_at INTEGER NOT NULL);
        CREATE TABLE api_keys (
            id INTEGER PRIMARY KEY,
            workspace_id INTEGER REFERENCES workspaces(id),
            name TEXT NOT NULL,
            role INTEGER NOT NULL,
            key_hash TEXT NOT NULL UNIQUE,
            prefix TEXT NOT NULL,
            created_at INTEGER NOT NULL);
        CREATE TABLE settings (
            workspace_id INTEGER NOT NULL,
            name TEXT NOT NULL,
            json TEXT NOT NULL,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (workspace_id, name)) WITHOUT ROWID;

        CREATE TABLE events (
            seq INTEGER PRIMARY KEY,
            workspace_id INTEGER NOT NULL,
            source_id INTEGER NOT NULL,
            message_id TEXT NOT NULL,
            type INTEGER NOT NULL,
            name TEXT,
            user_id TEXT,
            anonymous_id TEXT,
            timestamp INTEGER NOT NULL,
            received_at INTEGER NOT NULL,
            json TEXT NOT NULL);
        CREATE UNIQUE INDEX events_message ON events (workspace_id, message_id);

        """,
        """
        CREATE TABLE users (
            id INTEGER PRIMARY KEY,
            email TEXT NOT NULL UNIQUE,
            password_hash TEXT NOT NULL,
            role INTEGER NOT NULL,
            all_workspaces INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            last_sign_in_at INTEGER);
        CREATE TABLE user_workspaces (
            user_id INTEGER NOT NULL REFERENCES users(id),
            workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
            PRIMARY KEY (user_id, workspace_id)) WITHOUT ROWID;
        CREATE INDEX user_workspaces_workspace ON user_workspaces (workspace_id);
        """,
        """
        CREATE TABLE segments (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
            slug TEXT NOT NULL,
            definition TEXT NOT NULL,
            version INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            UNIQUE (workspace_id, slug));
        """,
        """
        ALTER TABLE sources ADD COLUMN allowed_origins TEXT NOT NULL DEFAULT '';
        """,
    ];

    /// <summary>
    /// The derived database: profiles, identity graph, event links, merges, stats and their checkpoint.
    /// A separate file, so that the profile processor never holds the log's write lock, and so that it can
    /// be deleted and rebuilt from the log.
    /// </summary>
    public static readonly string[] Derived =
    [
        """
        CREATE TABLE profiles (
            id INTEGER PRIMARY KEY,
            workspace_id INTEGER NOT NULL,
            last_seen INTEGER NOT NULL,
            event_count INTEGER NOT NULL,
            state TEXT NOT NULL);
        CREATE INDEX profiles_workspace ON profiles (workspace_id, last_seen);
        CREATE TABLE identifiers (
            workspace_id INTEGER NOT NULL,
            type TEXT NOT NULL,
            value TEXT NOT NULL,
            profile_id INTEGER NOT NULL,
            PRIMARY KEY (workspace_id, type, value)) WITHOUT ROWID;
        CREATE INDEX identifiers_profile ON identifiers (profile_id);
        CREATE INDEX identifiers_value ON identifiers (workspace_id, value);
        CREATE TABLE profile_events (
            profile_id INTEGER NOT NULL,
            timestamp INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            PRIMARY KEY (profile_id, timestamp, seq)) WITHOUT ROWID;
        CREATE TABLE merges (
            id INTEGER PRIMARY KEY,
            workspace_id INTEGER NOT NULL,
            from_profile INTEGER NOT NULL UNIQUE,
            into_profile INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            at INTEGER NOT NULL,
            moved TEXT NOT NULL);
        CREATE INDEX merges_into ON merges (into_profile);
        CREATE TABLE checkpoints (
            name TEXT PRIMARY KEY,
            seq INTEGER NOT NULL,
            next_profile_id INTEGER NOT NULL);
        CREATE TABLE channel_days (
            workspace_id INTEGER NOT NULL,
            day TEXT NOT NULL,
            channel TEXT NOT NULL,
            events INTEGER NOT NULL,
            PRIMARY KEY (workspace_id, day, channel)) WITHOUT ROWID;
        """,
        """
        CREATE TABLE audience_dirty (
            profile_id INTEGER PRIMARY KEY,
            workspace_id INTEGER NOT NULL,
            mark INTEGER NOT NULL);
        CREATE TABLE profile_audiences (
            profile_id INTEGER PRIMARY KEY,
            workspace_id INTEGER NOT NULL,
            next_change INTEGER);
        CREATE INDEX profile_audiences_timer ON profile_audiences (next_change) WHERE next_change IS NOT NULL;
        CREATE TABLE segment_members (
            segment_id INTEGER NOT NULL,
            profile_id INTEGER NOT NULL,
            workspace_id INTEGER NOT NULL,
            since INTEGER NOT NULL,
            PRIMARY KEY (segment_id, profile_id)) WITHOUT ROWID;
        CREATE INDEX segment_members_profile ON segment_members (profile_id);
        CREATE TABLE segment_transitions (
            id INTEGER PRIMARY KEY,
            workspace_id INTEGER NOT NULL,
            segment_id INTEGER NOT NULL,
            profile_id INTEGER NOT NULL,
            entered INTEGER NOT NULL,
            at INTEGER NOT NULL,
            reason INTEGER NOT NULL);
        CREATE INDEX segment_transitions_workspace ON segment_transitions (workspace_id, id);
        CREATE INDEX segment_transitions_segment ON segment_transitions (segment_id, id);
        CREATE INDEX segment_transitions_profile ON segment_transitions (profile_id, id);
        CREATE TABLE audience_recompute (
            workspace_id INTEGER PRIMARY KEY,
            fingerprint TEXT NOT NULL,
            cursor INTEGER NOT NULL,
            done INTEGER NOT NULL);
        """,
        """
        ALTER TABLE profile_events ADD COLUMN name TEXT;
        """,
        """
        ALTER TABLE profile_audiences ADD COLUMN lifecycle_stage INTEGER;
        ALTER TABLE profile_audiences ADD COLUMN persona TEXT;
        CREATE INDEX profile_audiences_workspace ON profile_audiences (workspace_id, lifecycle_stage);
        """,
        // Profiles now keep category counts and links keep event names: derived state made before is rebuilt from the log.
        """
        DELETE FROM profiles; DELETE FROM identifiers; DELETE FROM profile_events; DELETE FROM merges; DELETE FROM channel_days;
        DELETE FROM checkpoints; DELETE FROM audience_dirty; DELETE FROM profile_audiences; DELETE FROM segment_members;
        DELETE FROM segment_transitions; DELETE FROM audience_recompute;
        """,
    ];

    public static void Migrate(SqliteConnection connection, string[] versions)
    {
        using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            wal.ExecuteNonQuery();
        }

        using var version = connection.CreateCommand();
        version.CommandText = "PRAGMA user_version;";
        long current = (long)version.ExecuteScalar()!;
        for (long v = current; v < versions.Length; v++)
        {
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = versions[v] + $"\nPRAGMA user_version = {v + 1};";
            command.ExecuteNonQuery();
            transaction.Commit();
        }
    }
}
