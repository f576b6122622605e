using Omnia.Core.Touchpoints;
using Omnia.Core.Visits;

namespace Omnia.Core.Goals;

/// <summary>Which of our own messages count as touchpoints on the way to a goal.</summary>
public enum MessageTouches : byte
{
    /// <summary>Messages the person opened or clicked (the default): a send alone is an impression, not a touch.</summary>
    Engaged,

    /// <summary>Every message sent or delivered, opened or not.</summary>
    All,

    /// <summary>No message events; the visits their links brought still count.</summary>
    None,
}

/// <summary>
/// Which touchpoints count on the way to a conversion goal: every visit a source brought (<see cref="Visit.IsTouchpoint"/>),
/// our own messages as <see cref="Messages"/> says, except those of the channels in <see cref="ExcludeChannels"/>.
/// </summary>
public sealed record GoalTouchpoints(MessageTouches Messages, IReadOnlyList<string> ExcludeChannels)
{
    /// <summary>Engaged messages, every channel.</summary>
    public static GoalTouchpoints Default { get; } = new(MessageTouches.Engaged, []);

    public bool Equals(GoalTouchpoints? other) =>
        other is not null && Messages == other.Messages && ExcludeChannels.SequenceEqual(other.ExcludeChannels);

    public override int GetHashCode() => HashCode.Combine(Messages, ExcludeChannels.Count);

    /// <summary>Whether <paramref name="visit"/> counts as a touchpoint under these rules.</summary>
    public bool Counts(in Visit visit)
    {
        if (!visit.IsTouchpoint)
            return false;
        if (visit.Kind == VisitKind.Message)
        {
            var counts = Messages switch
            {
                MessageTouches.All => true,
                MessageTouches.Engaged => visit.Engagement is MessageEventKind.Opened or MessageEventKind.Clicked,
                _ => false,
            };
            if (!counts)
                return false;
        }

        for (var i = 0; i < ExcludeChannels.Count; i++)
        {
            if (string.Equals(ExcludeChannels[i], visit.Channel, StringComparison.Ordinal))
                return false;
        }

        return true;
    }
}
