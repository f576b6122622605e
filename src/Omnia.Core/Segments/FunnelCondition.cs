using Omnia.Core.Funnels;

namespace Omnia.Core.Segments;

/// <summary>
/// "Dropped out of a funnel after step k" (<c>{"funnel":{"steps":[…],"within":"7d","order":"strict","droppedAfter":2,
/// "period":{"from":…,"to":…}}}</c>): the person started the funnel in the period and reached step
/// <see cref="DroppedAfter"/> but not the next one. Evaluated with the same <see cref="FunnelMatcher"/> as funnel
/// reports, over all of the person's events, so a segment saved from a report's drop-off holds exactly the people the
/// report counted.
/// </summary>
/// <param name="Funnel">The steps, window and order.</param>
/// <param name="DroppedAfter">The last step reached, 1 to the number of steps − 1.</param>
/// <param name="Period">When the first step must have happened (fixed dates; either end may be open).</param>
public sealed record FunnelCondition(FunnelSpec Funnel, int DroppedAfter, BetweenWindow Period) : Condition;
