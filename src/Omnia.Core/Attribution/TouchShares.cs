namespace Omnia.Core.Attribution;

/// <summary>
/// The share of a path's credit each touch gets under the rule-based models that are not a single touch. Shares of
/// one path sum to 1. docs/attribution.md states the rules with examples.
/// </summary>
internal static class TouchShares
{
    private const double PositionEnds = 0.4;
    private const double WRole = 0.3;
    private const double WRest = 0.1;

    /// <summary>
    /// Weight 2^(-(t_last - t_i) / half-life), normalised. A path without timestamps counts positions instead: each
    /// touch before the last halves the weight (a half-life of one touch).
    /// </summary>
    public static void TimeDecay(ReadOnlySpan<long> ticks, int length, double halfLifeTicks, Span<double> shares)
    {
        double sum = 0;
        for (int i = 0; i < length; i++)
        {
            double age = ticks.IsEmpty || ticks[i] == PathSetBuilder.NoTimestamp
                ? length - 1 - i
                : (ticks[length - 1] - ticks[i]) / halfLifeTicks;
            shares[i] = Math.Pow(2, -age);
            sum += shares[i];
        }

        for (int i = 0; i < length; i++)
        {
            shares[i] /= sum;
        }
    }

    /// <summary>40/20/40: one touch gets everything, two touches half each, otherwise 40 % to each end and 20 % shared
    /// equally by the touches between.</summary>
    public static void PositionBased(int length, Span<double> shares)
    {
        if (length <= 2)
        {
            shares[..length].Fill(1.0 / length);
            return;
        }

        shares[..length].Fill((1 - 2 * PositionEnds) / (length - 2));
        shares[0] = PositionEnds;
        shares[length - 1] = PositionEnds;
    }

    /// <summary>
    /// W-shaped: three roles carry 30 % each: the first touch, the lead-creation touch (the first touch flagged
    /// <see cref="JourneyMilestone.Lead"/>; absent when none is) and the opportunity touch (the first touch flagged
    /// <see cref="JourneyMilestone.Opportunity"/>, else the last touch). A touch holding several roles adds their
    /// shares; the touches holding none share 10 %. The weights are then scaled to sum to 1, so a missing role's 30 %
    /// goes to the others in proportion.
    /// </summary>
    public static void WShaped(ReadOnlySpan<byte> milestones, int length, Span<double> shares)
    {
        int lead = -1, opportunity = -1;
        for (int i = 0; i < milestones.Length && i < length; i++)
        {
            if (lead < 0 && (milestones[i] & (byte)JourneyMilestone.Lead) != 0)
            {
                lead = i;
            }

            if (opportunity < 0 && (milestones[i] & (byte)JourneyMilestone.Opportunity) != 0)
            {
                opportunity = i;
            }
        }

        if (opportunity < 0)
        {
            opportunity = length - 1;
        }

        shares[..length].Clear();
        shares[0] += WRole;
        shares[opportunity] += WRole;
        if (lead >= 0)
        {
            shares[lead] += WRole;
        }

        int rest = 0;
        for (int i = 0; i < length; i++)
        {
            rest += shares[i] == 0 ? 1 : 0;
        }

        double sum = 0;
        for (int i = 0; i < length; i++)
        {
            if (shares[i] == 0)
            {
                shares[i] = WRest / rest;
            }

            sum += shares[i];
        }

        for (int i = 0; i < length; i++)
        {
            shares[i] /= sum;
        }
    }
}
