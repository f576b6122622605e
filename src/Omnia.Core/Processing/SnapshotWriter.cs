using System.Collections.Concurrent;

namespace Omnia.Core.Processing;

/// <summary>
/// Writes a consistent snapshot of the <see cref="DerivedState"/> as of one log position without stopping the
/// processor. It starts on the processing thread between two runs (<see cref="DerivedState.BeginSnapshot"/>):
/// the small global parts are copied at once, then every profile that existed at that moment is written by a
/// background thread. The processor keeps going; before it changes a profile that the writer has not reached yet,
/// it writes that profile's record first (<see cref="Capture"/>, copy-on-write at the level of profiles), so every
/// record shows the profile as it was at the snapshot's position. Each profile is written exactly once.
/// </summary>
public sealed class SnapshotWriter
{
    private readonly DerivedState _state;
    private readonly byte[] _globals;
    private readonly long[][] _keys;
    private readonly ConcurrentQueue<byte[]> _captured = new();

    internal SnapshotWriter(DerivedState state, int epoch, long seq, byte[] globals, long[][] keys)
    {
        _state = state;
        Epoch = epoch;
        Seq = seq;
        _globals = globals;
        _keys = keys;
    }

    /// <summary>The log position the snapshot reflects.</summary>
    public long Seq { get; }

    /// <summary>Profiles written so far.</summary>
    public long Records => Interlocked.Read(ref _records);

    private long _records;

    internal int Epoch { get; }

    /// <summary>Writes a profile's record now, as it is, unless it was written already. Called under the write lock.</summary>
    internal void Capture(ProfileEntry entry)
    {
        if (entry.SnapshotEpoch >= Epoch)
            return;
        _captured.Enqueue(Serialize(entry));
        entry.SnapshotEpoch = Epoch;
    }

    /// <summary>
    /// Writes the whole snapshot to <paramref name="output"/> (on a background thread; blocking I/O). Ends the
    /// snapshot in the state when done, also when it fails.
    /// </summary>
    public void WriteTo(Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        try
        {
            output.Write(_globals);
            var chunk = new List<byte[]>(512);
            for (var p = 0; p < _keys.Length; p++)
            {
                var partition = _state.Partitions[p];
                var keys = _keys[p];
                for (var start = 0; start < keys.Length; start += 512)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    _state.Lock.EnterReadLock();
                    try
                    {
                        var end = Math.Min(keys.Length, start + 512);
                        for (var i = start; i < end; i++)
                        {
                            if (partition.TryGetValue(keys[i], out var entry) && entry.SnapshotEpoch < Epoch)
                            {
                                chunk.Add(Serialize(entry));
                                entry.SnapshotEpoch = Epoch;
                            }
                        }
                    }
                    finally
                    {
                        _state.Lock.ExitReadLock();
                    }

                    foreach (var record in chunk)
                        WriteRecord(output, record);
                    chunk.Clear();
                    Drain(output);
                }
            }

            // No capture can be under way while the write lock is held; after it, none is needed.
            _state.Lock.EnterWriteLock();
            try
            {
                Drain(output);
                _state.ActiveSnapshot = null;
            }
            finally
            {
                _state.Lock.ExitWriteLock();
            }

            using var trailer = new BinaryWriter(output, System.Text.Encoding.UTF8, leaveOpen: true);
            trailer.Write((byte)0);
            trailer.Write(Records);
            trailer.Write(SnapshotFormat.EndMagic);
        }
        finally
        {
            _state.Lock.EnterWriteLock();
            if (ReferenceEquals(_state.ActiveSnapshot, this))
                _state.ActiveSnapshot = null;
            _state.Lock.ExitWriteLock();
            _state.SnapshotEnded();
        }
    }

    private void Drain(Stream output)
    {
        while (_captured.TryDequeue(out var record))
            WriteRecord(output, record);
    }

    private void WriteRecord(Stream output, byte[] record)
    {
        Span<byte> header = stackalloc byte[5];
        header[0] = 1;
        BitConverter.TryWriteBytes(header[1..], record.Length);
        output.Write(header);
        output.Write(record);
        Interlocked.Increment(ref _records);
    }

    private byte[] Serialize(ProfileEntry entry)
    {
        using var buffer = new MemoryStream(256 + entry.EventCount * 24);
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
            SnapshotRecords.Write(writer, entry, _state.Workspaces[entry.WorkspaceId].Graph.IdentifiersOf(entry.Id));
        return buffer.ToArray();
    }
}
