using Omnia.Core.Touchpoints;

namespace Omnia.Core.Processing;

/// <summary>
/// The layout of a snapshot: a header (magic, format version, log position, counters), the global parts
/// (per workspace: channel trends, recompute and backfill state, kept property names; merges; profiles still to
/// evaluate), then one length-prefixed record per profile (<see cref="SnapshotRecords"/>), then a trailer with the
/// number of records. A snapshot in another format version is not read: the state is rebuilt from the log.
/// </summary>
public static class SnapshotFormat
{
    /// <summary>The version this code writes and reads. Bump it whenever the layout or the meaning of derived state changes.</summary>
    public const int Version = 4;

    internal static ReadOnlySpan<byte> Magic => "OMNIASNP"u8;

    internal const long EndMagic = 0x444E455F504E534F; // "OSNP_END"

    internal static byte[] WriteGlobals(DerivedState state, IReadOnlyCollection<long> dirty, DateTimeOffset now)
    {
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(Version);
            w.Write(state.Checkpoint);
            w.Write(state.NextProfileId);
            w.Write(state.NextTransitionId);
            w.Write(now.UtcTicks);
            w.Write(state.Workspaces.Count);
            foreach (var workspace in state.Workspaces.Values)
            {
                w.Write(workspace.Id);
                WriteNullable(w, workspace.RecomputedFingerprint);
                w.Write(workspace.Recompute is not null);
                if (workspace.Recompute is { } running)
                {
                    w.Write(running.Fingerprint);
                    w.Write(running.Cursor);
                }

                WriteNames(w, workspace.KeptProperties);
                w.Write(workspace.BackfillNames is not null);
                if (workspace.BackfillNames is { } names)
                {
                    WriteNames(w, names);
                    w.Write(workspace.BackfillTo);
                    w.Write(workspace.BackfillAt);
                }

                w.Write(workspace.ChannelDays.Count);
                foreach (var ((day, channel), count) in workspace.ChannelDays)
                {
                    w.Write(day.DayNumber);
                    w.Write(ChannelIds.Name(channel) ?? "");
                    w.Write(count);
                }
            }

            w.Write(state.MergedInto.Count);
            foreach (var (from, into) in state.MergedInto)
            {
                w.Write(from);
                w.Write(into);
            }

            w.Write(dirty.Count);
            foreach (var id in dirty)
                w.Write(id);

            w.Write(state.NextBroadcasts.Count);
            foreach (var (journey, ticks) in state.NextBroadcasts)
            {
                w.Write(journey);
                w.Write(ticks);
            }

            w.Write(state.JourneyCounters.Count);
            foreach (var (journey, counters) in state.JourneyCounters)
            {
                w.Write(journey);
                w.Write(System.Text.Json.JsonSerializer.Serialize(CountersDocument.Of(counters), Journeys.OutboxItem.Json));
            }
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Reads a snapshot into an empty state, and marks the profiles it still had to evaluate on the processor.
    /// Returns false, leaving the state untouched, when the snapshot is of another format version.
    /// </summary>
    /// <exception cref="InvalidDataException">The snapshot is damaged or cut short.</exception>
    public static bool Load(Stream input, DerivedState state, DerivedProcessor processor)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(processor);
        using var r = new BinaryReader(input, System.Text.Encoding.UTF8, leaveOpen: true);
        try
        {
            if (!r.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
                throw new InvalidDataException("Not an Omnia snapshot.");
            if (r.ReadInt32() != Version)
                return false;
            return Read(r, state, processor);
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException("The snapshot is cut short.", ex);
        }
    }

    private static bool Read(BinaryReader r, DerivedState state, DerivedProcessor processor)
    {
        var intern = SharedInterner();

        state.Lock.EnterWriteLock();
        try
        {
            state.Checkpoint = r.ReadInt64();
            state.NextProfileId = r.ReadInt64();
            state.NextTransitionId = r.ReadInt64();
            r.ReadInt64(); // written at
            var workspaces = r.ReadInt32();
            for (var i = 0; i < workspaces; i++)
            {
                var workspace = state.Workspace(r.ReadInt32());
                workspace.RecomputedFingerprint = ReadNullable(r);
                if (r.ReadBoolean())
                    workspace.Recompute = (r.ReadString(), r.ReadInt64());
                workspace.KeptProperties = ReadNames(r, intern);
                if (r.ReadBoolean())
                {
                    workspace.BackfillNames = ReadNames(r, intern);
                    workspace.BackfillTo = r.ReadInt64();
                    workspace.BackfillAt = r.ReadInt64();
                }

                var days = r.ReadInt32();
                for (var d = 0; d < days; d++)
                {
                    var day = DateOnly.FromDayNumber(r.ReadInt32());
                    var channel = r.ReadString();
                    workspace.ChannelDays[(day, ChannelIds.Of(channel.Length == 0 ? null : channel))] = r.ReadInt64();
                }
            }

            var merged = r.ReadInt32();
            for (var i = 0; i < merged; i++)
                state.MergedInto[r.ReadInt64()] = r.ReadInt64();
            var dirty = new long[r.ReadInt32()];
            for (var i = 0; i < dirty.Length; i++)
                dirty[i] = r.ReadInt64();
            var broadcasts = r.ReadInt32();
            for (var i = 0; i < broadcasts; i++)
                state.NextBroadcasts[r.ReadInt64()] = r.ReadInt64();
            var counted = r.ReadInt32();
            for (var i = 0; i < counted; i++)
                state.JourneyCounters[r.ReadInt64()] = System.Text.Json.JsonSerializer.Deserialize<CountersDocument>(r.ReadString(), Journeys.OutboxItem.Json)!.ToCounters();

            // Records are read in batches and decoded on every core (decoding is most of a restart's work); each batch
            // is then added to the identity graph and the partitions on this thread, in the order of the file.
            long records = 0;
            var loaded = new List<ProfileEntry>();
            var batch = new List<byte[]>(RecordBatch);
            var decoded = new (ProfileEntry Entry, Identity.Identifier[] Identifiers)[RecordBatch];
            var interners = new ThreadLocal<Func<string, string>>(SharedInterner);
            void Flush()
            {
                Parallel.For(0, batch.Count, i =>
                {
                    using var recordReader = new BinaryReader(new MemoryStream(batch[i], writable: false));
                    var entry = SnapshotRecords.Read(recordReader, interners.Value!, out var identifiers);
                    decoded[i] = (entry, identifiers);
                });
                for (var i = 0; i < batch.Count; i++)
                {
                    var (entry, identifiers) = decoded[i];
                    state.Workspace(entry.WorkspaceId).Graph.Restore(entry.Id, identifiers);
                    state.Partitions[DerivedState.PartitionOf(entry.WorkspaceId, entry.Id)].Add(entry.Id, entry);
                    loaded.Add(entry);
                    decoded[i] = default;
                }

                records += batch.Count;
                batch.Clear();
            }

            while (r.ReadByte() == 1)
            {
                var length = r.ReadInt32();
                var record = r.ReadBytes(length);
                if (record.Length != length)
                    throw new EndOfStreamException();
                batch.Add(record);
                if (batch.Count == RecordBatch)
                    Flush();
            }

            Flush();
            interners.Dispose();
            if (r.ReadInt64() != records || r.ReadInt64() != EndMagic)
                throw new InvalidDataException("The snapshot's trailer does not match its records.");

            foreach (var group in loaded.GroupBy(e => e.WorkspaceId))
            {
                var workspace = state.Workspace(group.Key);
                foreach (var id in group.Select(e => e.Id).Order())
                    workspace.Added(id);
            }

            state.RebuildIndexes(loaded);
            processor.MarkDirty(dirty);
            return true;
        }
        finally
        {
            state.Lock.ExitWriteLock();
        }
    }

    /// <summary>Profile records decoded together, on every core.</summary>
    private const int RecordBatch = 4_096;

    /// <summary>
    /// An interner for one thread: names repeat across millions of records, so each is kept once (through
    /// <see cref="string.Intern"/>, which every thread shares), with a private cache in front of it.
    /// </summary>
    private static Func<string, string> SharedInterner()
    {
        var strings = new Dictionary<string, string>(StringComparer.Ordinal);
        return s =>
        {
            if (!strings.TryGetValue(s, out var interned))
            {
                interned = string.Intern(s);
                strings[s] = interned;
            }

            return interned;
        };
    }

    private static void WriteNullable(BinaryWriter w, string? value)
    {
        w.Write(value is not null);
        if (value is not null)
            w.Write(value);
    }

    private static string? ReadNullable(BinaryReader r) => r.ReadBoolean() ? r.ReadString() : null;

    private static void WriteNames(BinaryWriter w, HashSet<string> names)
    {
        w.Write(names.Count);
        foreach (var name in names)
            w.Write(name);
    }

    private static HashSet<string> ReadNames(BinaryReader r, Func<string, string> intern)
    {
        var count = r.ReadInt32();
        var names = new HashSet<string>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
            names.Add(intern(r.ReadString()));
        return names;
    }
}

/// <summary><see cref="Journeys.JourneyCounters"/> in a form JSON can hold (tuple keys as lists).</summary>
internal sealed record CountersDocument(
    long Entries, long Active, long Conversions, Dictionary<string, long> Steps, Dictionary<Journeys.ExitReason, long> Exits,
    List<(string Split, string Variant, long Assigned, long Converted)> Variants)
{
    public static CountersDocument Of(Journeys.JourneyCounters c) => new(
        c.Entries, c.Active, c.Conversions, new(c.StepArrivals), new(c.Exits),
        c.Variants.Select(v => (v.Key.Split, v.Key.Variant, v.Value.Assigned, v.Value.Converted)).ToList());

    public Journeys.JourneyCounters ToCounters()
    {
        var c = new Journeys.JourneyCounters { Entries = Entries, Active = Active, Conversions = Conversions };
        foreach (var (k, v) in Steps)
            c.StepArrivals[k] = v;
        foreach (var (k, v) in Exits)
            c.Exits[k] = v;
        foreach (var (split, variant, assigned, converted) in Variants)
            c.Variants[(split, variant)] = (assigned, converted);
        return c;
    }
}
