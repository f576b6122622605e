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
        """
        CREATE TABLE privacy_secrets (
            workspace_id INTEGER PRIMARY KEY,
            secret BLOB NOT NULL);
        CREATE TABLE privacy_suppressions (
            workspace_id INTEGER NOT NULL,
            hash TEXT NOT NULL,
            PRIMARY KEY (workspace_id, hash)) WITHOUT ROWID;
        CREATE TABLE privacy_erasures (
            id INTEGER PRIMARY KEY,
            workspace_id INTEGER NOT NULL,
            at INTEGER NOT NULL,
            requested_by TEXT NOT NULL,
            profiles INTEGER NOT NULL,
            events INTEGER NOT NULL,
            identifiers INTEGER NOT NULL);
        CREATE TABLE privacy_retention (
            workspace_id INTEGER PRIMARY KEY,
            days INTEGER NOT NULL);
        """,
        """
        ALTER TABLE api_keys ADD COLUMN expires_at INTEGER;
        ALTER TABLE api_keys ADD COLUMN revoked_at INTEGER;
        ALTER TABLE api_keys ADD COLUMN last_used_at INTEGER;
        ALTER TABLE sources ADD COLUMN enabled INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE sources ADD COLUMN deleted_at INTEGER;
        ALTER TABLE sources ADD COLUMN previous_key_hash TEXT;
        ALTER TABLE sources ADD COLUMN previous_key_prefix TEXT;
        ALTER TABLE sources ADD COLUMN previous_key_expires_at INTEGER;
        CREATE INDEX sources_previous_key ON sources (previous_key_hash) WHERE previous_key_hash IS NOT NULL;
        ALTER TABLE users ADD COLUMN active INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE users ADD COLUMN totp_secret TEXT;
        ALTER TABLE users ADD COLUMN totp_last_step INTEGER NOT NULL DEFAULT 0;
        CREATE TABLE user_sessions (
            token_hash TEXT PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users(id),
            created_at INTEGER NOT NULL,
            last_seen_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            client TEXT) WITHOUT ROWID;
        CREATE INDEX user_sessions_user ON user_sessions (user_id);
        CREATE TABLE invitations (
            id INTEGER PRIMARY KEY,
            token_hash TEXT NOT NULL UNIQUE,
            email TEXT NOT NULL,
            role INTEGER NOT NULL,
            all_workspaces INTEGER NOT NULL,
            workspace_ids TEXT NOT NULL,
            invited_by TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            accepted_at INTEGER);
        CREATE TABLE audit_log (
            seq INTEGER PRIMARY KEY,
            at INTEGER NOT NULL,
            workspace_id INTEGER,
            actor TEXT NOT NULL,
            client TEXT,
            action TEXT NOT NULL,
            target TEXT NOT NULL,
            before TEXT,
            after TEXT,
            hash TEXT NOT NULL);
        CREATE INDEX audit_log_workspace ON audit_log (workspace_id, seq);
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        """,
        """
        CREATE TABLE costs (
            workspace_id INTEGER NOT NULL,
            day TEXT NOT NULL,
            channel TEXT NOT NULL,
            campaign TEXT NOT NULL,
            spend_cents INTEGER NOT NULL,
            impressions INTEGER NOT NULL,
            clicks INTEGER NOT NULL,
            PRIMARY KEY (workspace_id, day, channel, campaign)) WITHOUT ROWID;
        """,
        """
        CREATE TABLE journeys (
            id INTEGER PRIMARY KEY,
            workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
            slug TEXT NOT NULL,
            name TEXT NOT NULL,
            status INTEGER NOT NULL,
            draft TEXT NOT NULL,
            live_version INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            UNIQUE (workspace_id, slug));
        CREATE TABLE journey_versions (
            journey_id INTEGER NOT NULL REFERENCES journeys(id),
            version INTEGER NOT NULL,
            definition TEXT NOT NULL,
            published_at INTEGER NOT NULL,
            published_by TEXT,
            PRIMARY KEY (journey_id, version)) WITHOUT ROWID;
        CREATE TABLE content_items (
            workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
            slug TEXT NOT NULL,
            json TEXT NOT NULL,
            version INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (workspace_id, slug)) WITHOUT ROWID;
        """,
    ];

    /// <summary>
    /// The derived database (<c>derived.db</c>): what the derived state records durably besides its snapshots —
    /// segment entries and exits, numbered by the state. Its own file with its own write lock, so it never blocks
    /// the event log.
    /// </summary>
    public static readonly string[] Derived =
    [
        """
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
        """,
        """
        CREATE TABLE journey_outbox (
            key TEXT PRIMARY KEY,
            workspace_id INTEGER NOT NULL,
            profile_id INTEGER NOT NULL,
            journey_id INTEGER NOT NULL,
            version INTEGER NOT NULL,
            kind INTEGER NOT NULL,
            at INTEGER NOT NULL,
            payload TEXT NOT NULL,
            status INTEGER NOT NULL,
            attempts INTEGER NOT NULL,
            not_before INTEGER NOT NULL,
            outcome TEXT,
            seq INTEGER NOT NULL) WITHOUT ROWID;
        CREATE INDEX journey_outbox_due ON journey_outbox (status, not_before) WHERE status = 0;
        CREATE INDEX journey_outbox_profile ON journey_outbox (profile_id, seq);
        CREATE INDEX journey_outbox_status ON journey_outbox (workspace_id, status, seq);
        """,
        """
        CREATE TABLE inapp_inbox (
            key TEXT PRIMARY KEY,
            workspace_id INTEGER NOT NULL,
            profile_id INTEGER NOT NULL,
            campaign TEXT,
            content TEXT,
            title TEXT,
            body TEXT,
            button TEXT,
            link TEXT,
            sent_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            state INTEGER NOT NULL) WITHOUT ROWID;
        CREATE INDEX inapp_inbox_profile ON inapp_inbox (profile_id, sent_at);
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
