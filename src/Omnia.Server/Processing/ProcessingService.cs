using System.Diagnostics;
using Omnia.Core.Audiences;
using Omnia.Core.Events;
using Omnia.Core.Journeys;
using Omnia.Core.Processing;
using Omnia.Server.Audiences;

namespace Omnia.Server.Processing;

/// <summary>
/// Keeps the derived state current: at start it loads the latest snapshot (or rebuilds from the start of the log),
/// then it applies each new stretch of the log, fills in properties that definitions started to read, decides
/// audiences (changed profiles, due timers, recomputes), records the transitions, and now and then writes a
/// snapshot in the background. One loop on one thread: the only writer of the state.
/// </summary>
public sealed class ProcessingService(
    DerivedState state, DerivedProcessor processor, EventIngestor ingestor, CommittedEvents committed, IEventStore log, ITransitionStore transitions,
    ISnapshotStore snapshots, AudienceModels models, Journeys.JourneyModels journeys, IOutboxStore outbox, Omnia.Core.Messaging.IInboxStore inbox, Omnia.Core.Privacy.IPrivacyStore privacy,
    TimeProvider clock, OmniaServerOptions options, ILogger<ProcessingService> logger) : BackgroundService
{
    private const int ReadChunk = 8_192;
    private static readonly TimeSpan MaxSleep = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);
    private readonly LogReadAhead _readAhead = new(log, ReadChunk);
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _waitersLock = new();
    private readonly List<Waiter> _waiters = [];
    private readonly Stopwatch _sinceSnapshot = Stopwatch.StartNew();
    private long _lastSnapshotSeq;
    private Task _snapshotTask = Task.CompletedTask;
    private volatile bool _paused;
    private volatile bool _idle;

    /// <summary>Raised after a run changed the state (on the processing thread; handlers must be quick).</summary>
    public event Action? Advanced;

    /// <summary>Raised after journeys added side effects to the outbox (on the processing thread; handlers must be quick).</summary>
    public event Action? OutboxAdded;

    /// <summary>The last log position reflected in profiles.</summary>
    public long Checkpoint => state.Checkpoint;

    /// <summary>Events acknowledged but not yet reflected in profiles.</summary>
    public long Lag => Math.Max(0, ingestor.LastSeq - state.Checkpoint);

    /// <summary>Whether ingestion should refuse new events for now: derived state is too far behind (<see cref="OmniaServerOptions.MaxDerivedLag"/>).</summary>
    public bool IsBehind => Lag > options.MaxDerivedLag || !_loaded.Task.IsCompleted;

    /// <summary>Completes once the state is loaded (from a snapshot, or empty for a rebuild).</summary>
    public Task LoadedAsync(CancellationToken cancellationToken = default) => _loaded.Task.WaitAsync(cancellationToken);

    /// <summary>Completes when every event up to <paramref name="seq"/> is reflected in profiles.</summary>
    public Task WaitForAsync(long seq, CancellationToken cancellationToken = default) => Wait(seq, audiences: false, cancellationToken);

    /// <summary>Completes when everything in the log now is reflected in profiles.</summary>
    public async Task CatchUpAsync(CancellationToken cancellationToken = default) =>
        await Wait(await log.LastSeqAsync(cancellationToken).ConfigureAwait(false), audiences: false, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Completes when everything in the log now is reflected in profiles and every change, due timer, backfill and
    /// recompute is reflected in audiences.
    /// </summary>
    public async Task AudiencesCaughtUpAsync(CancellationToken cancellationToken = default) =>
        await Wait(await log.LastSeqAsync(cancellationToken).ConfigureAwait(false), audiences: true, cancellationToken).ConfigureAwait(false);

    /// <summary>Stops applying the log until <see cref="Resume"/> (maintenance; tests force a lag with it).</summary>
    public void Pause() => _paused = true;

    public void Resume()
    {
        _paused = false;
        Wake();
    }

    /// <summary>Writes a snapshot now and waits for it (tests, and before a planned restart).</summary>
    public async Task<SnapshotInfo?> SnapshotNowAsync(CancellationToken cancellationToken = default)
    {
        var done = new TaskCompletionSource<SnapshotInfo?>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waitersLock)
        {
            _snapshotRequests.Add(done);
        }

        Wake();
        return await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private readonly List<TaskCompletionSource<SnapshotInfo?>> _snapshotRequests = [];
    private readonly List<(int Workspace, long Profile, string RequestedBy, TaskCompletionSource<Omnia.Core.Privacy.ErasureRecord?> Done)> _erasures = [];
    private readonly HashSet<int> _suppressionsLoaded = [];
    private DateTimeOffset _nextRetention = DateTimeOffset.MinValue;

    /// <summary>
    /// Erases the person who holds <paramref name="profileId"/> (see <see cref="DerivedProcessor.Erase"/>): from the derived
    /// state, the event log, segment transitions and the outbox; writes a new snapshot and deletes every older one;
    /// keeps only hashed identifiers and a record without personal data. Null when there is no such profile.
    /// </summary>
    public async Task<Omnia.Core.Privacy.ErasureRecord?> EraseAsync(int workspaceId, long profileId, string requestedBy, CancellationToken cancellationToken = default)
    {
        var done = new TaskCompletionSource<Omnia.Core.Privacy.ErasureRecord?>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waitersLock)
        {
            _erasures.Add((workspaceId, profileId, requestedBy, done));
        }

        Wake();
        return await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs the erasures asked for, after applying everything in the log (so none of the person's events is left unapplied).</summary>
    private async Task EraseRequestedAsync(CancellationToken cancellationToken)
    {
        List<(int Workspace, long Profile, string RequestedBy, TaskCompletionSource<Omnia.Core.Privacy.ErasureRecord?> Done)> requests;
        lock (_waitersLock)
        {
            requests = [.. _erasures];
            _erasures.Clear();
        }

        if (requests.Count == 0)
            return;
        await _readAhead.DropAsync().ConfigureAwait(false); // the log is about to change under any chunk read ahead
        try
        {
            IReadOnlyList<LogEvent> events;
            while ((events = await log.ReadAfterAsync(state.Checkpoint, ReadChunk, cancellationToken).ConfigureAwait(false)).Count > 0)
                processor.Apply(events, clock.GetUtcNow());
            await _snapshotTask.ConfigureAwait(false); // a snapshot being written still holds the person: let it finish, then replace it
            foreach (var (workspace, profile, requestedBy, done) in requests)
            {
                await LoadSuppressionsAsync(workspace, cancellationToken).ConfigureAwait(false);
                if (processor.Erase(workspace, profile) is not { } erasure)
                {
                    done.TrySetResult(null);
                    continue;
                }

                long deleted = await log.DeleteAsync(erasure.Seqs, cancellationToken).ConfigureAwait(false);
                await transitions.DeleteProfilesAsync(erasure.ProfileIds, cancellationToken).ConfigureAwait(false);
                await outbox.DeleteProfilesAsync(erasure.ProfileIds, cancellationToken).ConfigureAwait(false);
                await inbox.DeleteProfilesAsync(erasure.ProfileIds, cancellationToken).ConfigureAwait(false);
                await privacy.AddSuppressionsAsync(workspace, erasure.SuppressedHashes, cancellationToken).ConfigureAwait(false);
                var record = await privacy.RecordErasureAsync(
                    new Omnia.Core.Privacy.ErasureRecord(0, workspace, clock.GetUtcNow(), requestedBy, erasure.ProfileIds.Count, deleted, erasure.SuppressedHashes.Count),
                    cancellationToken).ConfigureAwait(false);
                done.TrySetResult(record);
            }

            ReplaceSnapshots();
            await log.ScrubAsync(cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Erased {Count} people as asked; the snapshots before were replaced", requests.Count);
        }
        catch (Exception ex)
        {
            foreach (var request in requests)
                request.Done.TrySetException(ex);
            throw;
        }
    }

    /// <summary>Writes a snapshot of the state now and deletes every other one (they may hold what was just removed).</summary>
    private void ReplaceSnapshots()
    {
        var saved = Snapshot(state.BeginSnapshot(processor, clock.GetUtcNow()));
        foreach (var old in snapshots.List().Where(s => s.Name != saved?.Name))
            snapshots.Delete(old);
        _sinceSnapshot.Restart();
    }

    private async Task LoadSuppressionsAsync(int workspaceId, CancellationToken cancellationToken)
    {
        if (!_suppressionsLoaded.Add(workspaceId))
            return;
        processor.UseSuppressions(
            workspaceId,
            await privacy.SecretAsync(workspaceId, cancellationToken).ConfigureAwait(false),
            await privacy.SuppressionsAsync(workspaceId, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Once an hour: events older than a workspace's retention leave the derived state and the log.</summary>
    private async Task ApplyRetentionAsync(IReadOnlyList<AudienceModel> workspaces, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (now < _nextRetention)
            return;
        _nextRetention = now + TimeSpan.FromHours(1);
        bool aged = false;
        foreach (var workspace in workspaces)
        {
            if (await privacy.RetentionDaysAsync(workspace.WorkspaceId, cancellationToken).ConfigureAwait(false) is not { } days)
                continue;
            var seqs = processor.AgeOut(workspace.WorkspaceId, now - TimeSpan.FromDays(days));
            if (seqs.Count == 0)
                continue;
            await _snapshotTask.ConfigureAwait(false);
            await _readAhead.DropAsync().ConfigureAwait(false);
            long deleted = await log.DeleteAsync(seqs, cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Retention: {Deleted:N0} events older than {Days} days left workspace {Workspace}", deleted, days, workspace.WorkspaceId);
            aged = true;
        }

        if (aged)
        {
            ReplaceSnapshots();
            await log.ScrubAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Checks retention at the next run (after a setting changed).</summary>
    public void CheckRetentionSoon()
    {
        _nextRetention = DateTimeOffset.MinValue;
        Wake();
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await _snapshotTask.ConfigureAwait(false);
        if (_loaded.Task.IsCompleted && state.Checkpoint > _lastSnapshotSeq)
        {
            // A planned stop: the next start loads this instead of replaying the tail.
            try
            {
                Snapshot(state.BeginSnapshot(processor, clock.GetUtcNow()));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                logger.LogWarning(ex, "Could not write a snapshot at shut-down; the next start replays the log from the previous one");
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await LoadAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        _loaded.TrySetResult();
        ingestor.Committed += _ => Wake();
        models.Changed += _ => Wake();
        journeys.Changed += _ => Wake();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var worked = !_paused && await RunOnceAsync(stoppingToken).ConfigureAwait(false);
                ReleaseWaiters();
                if (!worked)
                    await _wake.WaitAsync(Sleep(), stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Processing failed at log position {Checkpoint}; retrying", state.Checkpoint);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>One pass: log, backfill, audiences, transitions, snapshot. Returns whether there may be more to do at once.</summary>
    private async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        await EraseRequestedAsync(cancellationToken).ConfigureAwait(false);
        var all = await models.AllAsync(cancellationToken).ConfigureAwait(false);
        foreach (var model in all)
            await LoadSuppressionsAsync(model.WorkspaceId, cancellationToken).ConfigureAwait(false);
        processor.UseModels(all);
        processor.UseJourneys(journeys.All());
        await ApplyRetentionAsync(all, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        // Just-committed events come from memory; the log is read only when they are not held (a restart, a lag).
        IReadOnlyList<LogEvent> events = committed.TakeAfter(state.Checkpoint, ReadChunk)
            ?? await _readAhead.ReadAfterAsync(state.Checkpoint, cancellationToken).ConfigureAwait(false);
        if (events.Count > 0)
            processor.Apply(events, now);

        var backfilled = false;
        if (processor.NextBackfill() is { } backfill)
        {
            processor.ApplyBackfill(await log.ReadAfterAsync(backfill.AfterSeq, ReadChunk, cancellationToken).ConfigureAwait(false));
            backfilled = true;
        }

        var decided = processor.RunAudiences(all, now, events.Count == ReadChunk ? DerivedProcessor.AudienceBudgetWhileBehind : DerivedProcessor.AudienceBudget);
        decided += processor.RunJourneys(now);
        var recorded = processor.DrainTransitions();
        if (recorded.Count > 0)
            await transitions.AppendAsync(recorded, cancellationToken).ConfigureAwait(false);
        var effects = processor.DrainOutbox();
        if (effects.Count > 0)
        {
            // Written before any snapshot that reflects them; a replay after a crash writes the same keys again, which are ignored.
            await outbox.AddAsync(effects, cancellationToken).ConfigureAwait(false);
            OutboxAdded?.Invoke();
        }
        _idle = events.Count < ReadChunk && !backfilled && decided == 0 && processor.IsIdle(all, now);
        if (events.Count > 0 || decided > 0 || backfilled)
            Advanced?.Invoke();
        MaybeSnapshot(now);
        return events.Count > 0 || decided > 0 || backfilled;
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var clockStart = Stopwatch.StartNew();
        long last = await log.LastSeqAsync(cancellationToken).ConfigureAwait(false);
        foreach (var snapshot in snapshots.List())
        {
            if (snapshot.Seq > last)
            {
                logger.LogWarning("Snapshot {Name} is ahead of the event log (position {Seq} > {Last}); it is not used", snapshot.Name, snapshot.Seq, last);
                continue;
            }

            try
            {
                await using var stream = snapshots.OpenRead(snapshot);
                if (SnapshotFormat.Load(stream, state, processor))
                {
                    _lastSnapshotSeq = snapshot.Seq;
                    await transitions.DeleteFromAsync(state.NextTransitionId, cancellationToken).ConfigureAwait(false);
                    logger.LogInformation(
                        "Loaded snapshot {Name} ({Profiles:N0} profiles, log position {Seq:N0}) in {Seconds:N1} s; replaying {Tail:N0} events",
                        snapshot.Name, state.ProfileTotal, snapshot.Seq, clockStart.Elapsed.TotalSeconds, last - snapshot.Seq);
                    return;
                }

                logger.LogInformation("Snapshot {Name} is of another format version; derived state is rebuilt from the log", snapshot.Name);
                break;
            }
            catch (InvalidDataException ex)
            {
                logger.LogWarning(ex, "Snapshot {Name} is damaged; trying an older one", snapshot.Name);
                state.Clear();
            }
        }

        state.Clear();
        await transitions.DeleteFromAsync(1, cancellationToken).ConfigureAwait(false);
        if (last > 0)
            logger.LogInformation("Rebuilding derived state from the event log ({Events:N0} events)", last);
    }

    private void MaybeSnapshot(DateTimeOffset now)
    {
        List<TaskCompletionSource<SnapshotInfo?>> requests;
        lock (_waitersLock)
        {
            requests = [.. _snapshotRequests];
            _snapshotRequests.Clear();
        }

        var due = requests.Count > 0
            || (state.Checkpoint - _lastSnapshotSeq >= options.SnapshotEveryEvents)
            || (state.Checkpoint > _lastSnapshotSeq && _sinceSnapshot.Elapsed >= options.SnapshotEvery);
        if (!due || !_snapshotTask.IsCompleted || state.BeginSnapshot(processor, now) is not { } writer)
        {
            lock (_waitersLock)
            {
                _snapshotRequests.AddRange(requests);
            }

            return;
        }

        _sinceSnapshot.Restart();
        _snapshotTask = Task.Factory.StartNew(() =>
        {
            SnapshotInfo? saved = null;
            try
            {
                saved = Snapshot(writer);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Writing a snapshot failed; the previous one stays in use");
            }

            foreach (var request in requests)
                request.TrySetResult(saved);
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    private SnapshotInfo? Snapshot(SnapshotWriter? writer)
    {
        if (writer is null)
            return null;
        var watch = Stopwatch.StartNew();
        var saved = snapshots.Save(writer.Seq, stream => writer.WriteTo(stream));
        _lastSnapshotSeq = Math.Max(_lastSnapshotSeq, saved.Seq);
        foreach (var old in snapshots.List().Skip(2))
            snapshots.Delete(old);
        logger.LogInformation("Wrote snapshot {Name}: {Records:N0} profiles, {Megabytes:N1} MB in {Seconds:N1} s",
            saved.Name, writer.Records, saved.Bytes / 1e6, watch.Elapsed.TotalSeconds);
        return saved;
    }

    private TimeSpan Sleep()
    {
        var audience = processor.NextTimer();
        var journey = processor.NextJourneyTimer();
        DateTimeOffset? next = audience is null ? journey : journey is null ? audience : (audience < journey ? audience : journey);
        if (next is null)
            return MaxSleep;
        var wait = next.Value - clock.GetUtcNow() + TimeSpan.FromMilliseconds(1);
        return wait <= TimeSpan.Zero ? TimeSpan.Zero : wait < MaxSleep ? wait : MaxSleep;
    }

    private Task Wait(long seq, bool audiences, CancellationToken cancellationToken)
    {
        var waiter = new Waiter(seq, audiences);
        lock (_waitersLock)
        {
            _waiters.Add(waiter);
        }

        Wake();
        return waiter.Done.Task.WaitAsync(cancellationToken);
    }

    private void ReleaseWaiters()
    {
        long checkpoint = state.Checkpoint;
        var idle = _idle;
        lock (_waitersLock)
        {
            _waiters.RemoveAll(w =>
            {
                if (w.Seq > checkpoint || (w.Audiences && (!idle || !w.SawRun)))
                {
                    w.SawRun = true;
                    return false;
                }

                w.Done.TrySetResult();
                return true;
            });
        }
    }

    private void Wake()
    {
        if (_wake.CurrentCount == 0)
            _wake.Release();
    }

    private sealed class Waiter(long seq, bool audiences)
    {
        public long Seq { get; } = seq;

        public bool Audiences { get; } = audiences;

        /// <summary>A waiter for audiences is released only after a whole run that started after it was registered.</summary>
        public bool SawRun { get; set; }

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
