using Omnia.Core.Attribution;
using Omnia.Core.Touchpoints;
using Omnia.Core.Visits;

namespace Omnia.Core.Paths;

/// <summary>
/// One buyer journey as <see cref="JourneyWalker"/> hands it over: the touchpoints (visits that count for the goal)
/// in order, and whether it ended in a conversion, with its value and time. A view of the walker's buffers, valid
/// only during the call.
/// </summary>
public readonly ref struct Journey
{
    internal Journey(ReadOnlySpan<Visit> touches, ReadOnlySpan<JourneyMilestone> milestones, bool converted, decimal value, long endTicks, DeviceType device)
    {
        Touches = touches;
        Milestones = milestones;
        Converted = converted;
        Value = value;
        EndTicks = endTicks;
        ConversionDevice = device;
    }

    /// <summary>The touchpoints, first first.</summary>
    public ReadOnlySpan<Visit> Touches { get; }

    /// <summary>The milestones each touchpoint created (parallel to <see cref="Touches"/>).</summary>
    public ReadOnlySpan<JourneyMilestone> Milestones { get; }

    /// <summary>True for a path to a conversion; false for the touchpoints of someone who has not converted (since).</summary>
    public bool Converted { get; }

    /// <summary>The conversion's value (0 for a journey that did not convert).</summary>
    public decimal Value { get; }

    /// <summary>UTC ticks of the conversion, or of the last touchpoint of a journey that did not convert.</summary>
    public long EndTicks { get; }

    /// <summary>The device of the conversion event (or of the last touchpoint with a known device).</summary>
    public DeviceType ConversionDevice { get; }

    /// <summary>From the first touchpoint to the conversion (or the last touchpoint).</summary>
    public TimeSpan Duration => Touches.IsEmpty ? TimeSpan.Zero : TimeSpan.FromTicks(EndTicks - Touches[0].StartTicks);
}

/// <summary>Receives each journey of a profile.</summary>
public delegate void JourneyHandler<in TState>(TState state, in Journey journey);
