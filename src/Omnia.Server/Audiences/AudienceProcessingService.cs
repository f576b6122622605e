using Omnia.Core.Audiences;
using Omnia.Server.Processing;

namespace Omnia.Server.Audiences;

/// <summary>
/// Runs the audience processor in the background. It wakes when the profile processor has saved changes,
/// when a definition changes, and when the earliest membership timer is due, and works until nothing is
/// pending. Runs are serialised, so a caller that waits for membership (<see cref="CatchUpAsync"/>) never
/// runs the processor alongside the background loop.
/// </summary>
public sealed class AudienceProcessingService(
    AudienceProcessor processor, IAudienceStore store, ProfileProcessingService profiles, AudienceModels models,
    TimeProvider clock, ILogger<AudienceProcessingService> logger) : BackgroundService
{
    private static readonly TimeSpan MaxSleep = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);
    private readonly SemaphoreSlim _run = new(1, 1);

    /// <summary>
    /// Completes when every event now in the log is reflected in profiles, and every profile change, due timer
    /// and recompute is reflected in segment membership.
    /// </summary>
    public async Task CatchUpAsync(CancellationToken cancellationToken = default)
    {
        await profiles.CatchUpAsync(cancellationToken).ConfigureAwait(false);
        await RunUntilIdleAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        profiles.Advanced += Wake;
        models.Changed += _ => Wake();
        Wake();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _wake.WaitAsync(await SleepAsync(stoppingToken).ConfigureAwait(false), stoppingToken).ConfigureAwait(false);
                await RunUntilIdleAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Audience processing failed; retrying");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task RunUntilIdleAsync(CancellationToken cancellationToken)
    {
        await _run.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (await processor.RunOnceAsync(cancellationToken).ConfigureAwait(false) > 0)
            {
            }
        }
        finally
        {
            _run.Release();
        }
    }

    /// <summary>Until the earliest timer is due, at most <see cref="MaxSleep"/>.</summary>
    private async Task<TimeSpan> SleepAsync(CancellationToken cancellationToken)
    {
        var next = await store.NextTimerAsync(cancellationToken).ConfigureAwait(false);
        if (next is null)
        {
            return MaxSleep;
        }

        var wait = next.Value - clock.GetUtcNow() + TimeSpan.FromMilliseconds(1);
        return wait <= TimeSpan.Zero ? TimeSpan.Zero : wait < MaxSleep ? wait : MaxSleep;
    }

    private void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }
}
