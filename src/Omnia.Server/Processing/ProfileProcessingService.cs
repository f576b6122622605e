using Omnia.Core.Events;
using Omnia.Core.Profiles;

namespace Omnia.Server.Processing;

/// <summary>
/// Runs the profile processor in the background: it wakes on every commit of the event log and
/// processes until it has caught up. Failures are logged and retried from the last checkpoint.
/// </summary>
public sealed class ProfileProcessingService(
    ProfileProcessor processor, EventIngestor ingestor, IEventStore log, ILogger<ProfileProcessingService> logger) : BackgroundService
{
    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);
    private readonly Lock _waitersLock = new();
    private readonly List<(long Seq, TaskCompletionSource Done)> _waiters = [];

    /// <summary>Raised after a run saved changes to profiles (on the processing thread; handlers must be quick).</summary>
    public event Action? Advanced;

    /// <summary>The last log position reflected in profiles.</summary>
    public long Checkpoint => processor.Checkpoint;

    /// <summary>Completes when every event up to <paramref name="seq"/> is reflected in profiles.</summary>
    public Task WaitForAsync(long seq, CancellationToken cancellationToken = default)
    {
        if (processor.Checkpoint >= seq)
        {
            return Task.CompletedTask;
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waitersLock)
        {
            _waiters.Add((seq, done));
        }

        Wake();
        return done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Completes when everything in the log now is reflected in profiles.</summary>
    public async Task CatchUpAsync(CancellationToken cancellationToken = default) =>
        await WaitForAsync(await log.LastSeqAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    private void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        ingestor.Committed += _ => Wake();
        Wake();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _wake.WaitAsync(TimeSpan.FromSeconds(5), stoppingToken).ConfigureAwait(false);
                while (await processor.RunOnceAsync(cancellationToken: stoppingToken).ConfigureAwait(false) > 0)
                {
                    ReleaseWaiters();
                    Advanced?.Invoke();
                }

                ReleaseWaiters();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Profile processing failed at checkpoint {Checkpoint}; retrying from the checkpoint", processor.Checkpoint);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private void ReleaseWaiters()
    {
        long checkpoint = processor.Checkpoint;
        lock (_waitersLock)
        {
            _waiters.RemoveAll(w =>
            {
                if (w.Seq > checkpoint)
                {
                    return false;
                }

                w.Done.TrySetResult();
                return true;
            });
        }
    }
}
