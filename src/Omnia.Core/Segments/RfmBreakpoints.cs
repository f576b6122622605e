namespace Omnia.Core.Segments;

/// <summary>
/// Where a workspace's RFM scores (1–5) change: four ascending thresholds each for recency (whole days since the
/// last order), frequency (number of orders) and monetary value (total revenue). Each threshold is the top of a
/// band, inclusive: with frequency <c>[1, 2, 3, 5]</c>, one order scores 1, two 2, three 3, four or five 4, six or
/// more 5. Recency scores the other way round (recent is good): with <c>[30, 90, 180, 365]</c>, 0–30 days scores 5
/// and more than 365 days scores 1. Plain data that round-trips through System.Text.Json
/// (<c>{"recencyDays":[…],"frequency":[…],"monetary":[…]}</c>); compares by value.
/// </summary>
public sealed record RfmBreakpoints
{
    /// <summary>Checks and keeps the thresholds.</summary>
    /// <exception cref="ArgumentException">A list does not hold four finite numbers, 0 or more, in ascending order (equal neighbours allowed).</exception>
    public RfmBreakpoints(IReadOnlyList<double> recencyDays, IReadOnlyList<double> frequency, IReadOnlyList<double> monetary)
    {
        RecencyDays = Checked(recencyDays, nameof(recencyDays));
        Frequency = Checked(frequency, nameof(frequency));
        Monetary = Checked(monetary, nameof(monetary));
    }

    /// <summary>
    /// Defaults for a typical retailer, used until a workspace computes its own with <see cref="FromPopulation"/>:
    /// recency 30, 90, 180, 365 days; frequency 1, 2, 3, 5 orders; monetary 50, 150, 400, 1000.
    /// </summary>
    public static RfmBreakpoints Default { get; } = new([30, 90, 180, 365], [1, 2, 3, 5], [50, 150, 400, 1000]);

    /// <summary>Upper bounds, in whole days since the last order, of recency scores 5, 4, 3 and 2.</summary>
    public IReadOnlyList<double> RecencyDays { get; }

    /// <summary>Upper bounds, in orders, of frequency scores 1, 2, 3 and 4.</summary>
    public IReadOnlyList<double> Frequency { get; }

    /// <summary>Upper bounds, in revenue, of monetary scores 1, 2, 3 and 4.</summary>
    public IReadOnlyList<double> Monetary { get; }

    /// <summary>
    /// Quintile breakpoints from a workspace's customers (people with at least one order): the 20th, 40th, 60th
    /// and 80th percentiles of each measure (linear interpolation between neighbours, as spreadsheets'
    /// PERCENTILE.INC), so each score holds about a fifth of customers. Many customers with one order give equal
    /// frequency thresholds, which is allowed. An empty population gives <see cref="Default"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A value is negative, infinite or NaN.</exception>
    public static RfmBreakpoints FromPopulation(IEnumerable<(double recencyDays, double frequency, double monetary)> customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        List<double> recency = [], frequency = [], monetary = [];
        foreach (var (r, f, m) in customers)
        {
            recency.Add(r);
            frequency.Add(f);
            monetary.Add(m);
        }
        if (recency.Count == 0)
            return Default;
        return new RfmBreakpoints(Quintiles(recency, nameof(customers)), Quintiles(frequency, nameof(customers)), Quintiles(monetary, nameof(customers)));
    }

    /// <summary>Recency score: 5 for at most <c>RecencyDays[0]</c> days since the last order, down to 1 past <c>RecencyDays[3]</c>.</summary>
    public int RecencyScore(double days) => 5 - Above(RecencyDays, days);

    /// <summary>Frequency score: 1 for at most <c>Frequency[0]</c> orders, up to 5 past <c>Frequency[3]</c>.</summary>
    public int FrequencyScore(double orders) => 1 + Above(Frequency, orders);

    /// <summary>Monetary score: 1 for revenue at most <c>Monetary[0]</c>, up to 5 past <c>Monetary[3]</c>.</summary>
    public int MonetaryScore(double revenue) => 1 + Above(Monetary, revenue);

    public bool Equals(RfmBreakpoints? other) =>
        other is not null && RecencyDays.SequenceEqual(other.RecencyDays) && Frequency.SequenceEqual(other.Frequency) &&
        Monetary.SequenceEqual(other.Monetary);

    public override int GetHashCode() => HashCode.Combine(ValueLists.Hash(RecencyDays), ValueLists.Hash(Frequency), ValueLists.Hash(Monetary));

    /// <summary>How many thresholds <paramref name="value"/> is above.</summary>
    private static int Above(IReadOnlyList<double> thresholds, double value)
    {
        var above = 0;
        foreach (var threshold in thresholds)
        {
            if (value > threshold)
                above++;
        }
        return above;
    }

    private static double[] Quintiles(List<double> values, string paramName)
    {
        foreach (var value in values)
        {
            if (!double.IsFinite(value) || value < 0)
                throw new ArgumentException($"RFM measures must be finite and 0 or more, not {value}.", paramName);
        }
        values.Sort();
        return [Percentile(values, 0.2), Percentile(values, 0.4), Percentile(values, 0.6), Percentile(values, 0.8)];
    }

    private static double Percentile(List<double> sorted, double p)
    {
        var position = p * (sorted.Count - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(low + 1, sorted.Count - 1);
        return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
    }

    private static double[] Checked(IReadOnlyList<double> thresholds, string paramName)
    {
        ArgumentNullException.ThrowIfNull(thresholds, paramName);
        if (thresholds.Count != 4)
            throw new ArgumentException($"RFM breakpoints need exactly four thresholds, not {thresholds.Count}.", paramName);
        for (var i = 0; i < 4; i++)
        {
            if (!double.IsFinite(thresholds[i]) || thresholds[i] < 0)
                throw new ArgumentException($"RFM threshold {thresholds[i]} must be a finite number, 0 or more.", paramName);
            if (i > 0 && thresholds[i] < thresholds[i - 1])
                throw new ArgumentException($"RFM thresholds must ascend; {thresholds[i]} comes after {thresholds[i - 1]}.", paramName);
        }
        return [.. thresholds];
    }
}
