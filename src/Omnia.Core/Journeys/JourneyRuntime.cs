namespace Omnia.Core.Journeys;

/// <summary>
/// Moves journey instances: pure and deterministic. Given a compiled journey version, an instance and an input it
/// returns the next instance and the effects to carry out, each with an idempotency key; time comes only from the
/// inputs. One call runs every immediate step in a row (conditions, splits, sends, updates, webhooks, jumps) and
/// stops at a wait, a wait for an event, or an exit.
/// </summary>
/// <remarks>
/// Order within a call: first every wake-up due at or before the input's instant fires, in time order (so an event
/// stamped after a wait ended sees the wait as over even if the timer has not been delivered yet); then the input.
/// For an event: the goal is checked first (a conversion is counted), then the exit criteria, then a wait for that
/// event. An input stamped before <see cref="JourneyInstance.UpdatedAt"/> is handled at that instant.
/// </remarks>
public static class JourneyRuntime
{
    /// <summary>An instance arriving at one step more often than this leaves with <see cref="ExitReason.LoopLimit"/>.</summary>
    public const int MaxVisitsPerStep = 1000;

    /// <summary>Later trigger events with the same key kept on an instance (<see cref="JourneyInstance.KeyedEvents"/>).</summary>
    public const int MaxKeyedEvents = 50;

    /// <summary>
    /// Starts an instance for an entry <see cref="JourneyEntry.Decide"/> allowed, at the decision's instant, and runs
    /// it from the start step to its first wait or exit.
    /// </summary>
    /// <param name="instanceId">A new id, unique in the workspace: it is part of every effect key.</param>
    /// <exception cref="ArgumentException">The decision does not enter.</exception>
    public static JourneyProgress Start(CompiledJourney journey, EntryDecision entry, long instanceId, long profileId, JourneyContext context)
    {
        ArgumentNullException.ThrowIfNull(journey);
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(context);
        if (!entry.Enters)
            throw new ArgumentException($"The entry decision is {entry.Outcome}, not an entry: {entry.Reason}", nameof(entry));
        var instance = new JourneyInstance
        {
            Id = instanceId,
            ProfileId = profileId,
            JourneyId = journey.JourneyId,
            Version = journey.Version,
            Status = InstanceStatus.Waiting,
            NodeId = journey.Definition.Start,
            EnteredAt = entry.At,
            StepStartedAt = entry.At,
            UpdatedAt = entry.At,
            EntryKey = entry.Key,
            EntryProperties = entry.Properties,
        };
        var run = new InstanceRun(journey, instance, context);
        run.Arrive(journey.Definition.Start, entry.At);
        return run.Result();
    }

    /// <summary>Hands <paramref name="input"/> to <paramref name="instance"/>; an exited instance stays as it is.</summary>
    /// <exception cref="ArgumentException">The instance runs on another journey or version.</exception>
    public static JourneyProgress Advance(CompiledJourney journey, JourneyInstance instance, JourneyInput input, JourneyContext context)
    {
        ArgumentNullException.ThrowIfNull(journey);
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        if (instance.JourneyId != journey.JourneyId || instance.Version != journey.Version)
        {
            throw new ArgumentException(
                $"Instance {instance.Id} runs on journey {instance.JourneyId} v{instance.Version}, not {journey.JourneyId} v{journey.Version}.", nameof(instance));
        }
        var run = new InstanceRun(journey, instance, context);
        run.Handle(input);
        return run.Result();
    }
}
