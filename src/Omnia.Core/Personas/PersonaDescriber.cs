namespace Omnia.Core.Personas;

/// <summary>
/// Turns a fit into a <see cref="PersonaModel"/>: per persona its size, distinguishing features, a suggested name
/// and, when trained from <see cref="PersonaInput"/>s, revenue, typical channels and typical journey.
/// </summary>
internal static class PersonaDescriber
{
    private const int JourneySteps = 4;
    private const char StepSeparator = '\u001f';

    public static PersonaModel Describe(PersonaFit fit, IReadOnlyList<double[]> rows, IReadOnlyList<string> features,
        IReadOnlyList<string> categories, IReadOnlyList<PersonaInput>? inputs, PersonaOptions options)
    {
        int k = fit.K, d = fit.Data.Dimensions;
        long n = fit.Data.Count;
        var means = ClusterMeans(fit, rows);
        var aggregates = inputs is null ? null : Aggregate(inputs, fit.Labels, k);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var clusters = new PersonaCluster[k];
        var centroids = new double[k][];
        for (int c = 0; c < k; c++)
        {
            centroids[c] = fit.Centroids.AsSpan(c * d, d).ToArray();
            // Names and differences read the members' true means as plain z-scores, whatever a feature weighed
            // in the distances and however far its values were clipped.
            var z = new double[d];
            for (int j = 0; j < d; j++)
            {
                double deviation = fit.Data.StandardDeviations[j];
                z[j] = deviation > 0 ? (means[c * d + j] - fit.Data.Means[j]) / deviation : 0;
            }

            var name = UniqueName(PersonaNamer.Candidates(features, z), taken);
            long size = fit.Sizes[c];
            double revenue = aggregates?.Revenue[c] ?? 0;
            clusters[c] = new PersonaCluster(
                Index: c,
                Key: $"p{c + 1}",
                Name: name,
                Size: size,
                Share: n > 0 ? (double)size / n : 0,
                RevenueShare: aggregates is { TotalRevenue: > 0 } a ? revenue / a.TotalRevenue : 0,
                AverageRevenue: size > 0 ? revenue / size : 0,
                DistinguishingFeatures: Differences(features, fit.Data, means.AsSpan(c * d, d), z, options.TopFeatures),
                TypicalChannels: aggregates is null ? [] : TopChannels(aggregates.Channels[c], options.TopChannels),
                TypicalJourney: aggregates is null ? null : TopJourney(aggregates.Journeys[c], size));
        }

        return new PersonaModel([.. features], [.. categories], fit.Data.Means, fit.Data.StandardDeviations, fit.Data.Weights, centroids,
            k, fit.Seed, n, fit.Inertia, fit.Silhouettes, clusters);
    }

    private static string UniqueName(IReadOnlyList<string> candidates, HashSet<string> taken)
    {
        foreach (var candidate in candidates)
        {
            if (taken.Add(candidate))
            {
                return candidate;
            }
        }

        for (int i = 2; ; i++)
        {
            var numbered = $"{candidates[0]} {i}";
            if (taken.Add(numbered))
            {
                return numbered;
            }
        }
    }

    /// <summary>The features with the largest |z| (ties by position), skipping those exactly at average.</summary>
    private static PersonaFeatureDifference[] Differences(IReadOnlyList<string> features, StandardisedRows data, ReadOnlySpan<double> clusterMeans,
        ReadOnlySpan<double> z, int top)
    {
        var order = new int[z.Length];
        var magnitude = new double[z.Length];
        for (int j = 0; j < z.Length; j++)
        {
            order[j] = j;
            magnitude[j] = -Math.Abs(z[j]);
        }

        var ranked = order.OrderBy(j => magnitude[j]).ThenBy(j => j).Where(j => magnitude[j] < 0).Take(Math.Max(0, top)).ToArray();
        var differences = new PersonaFeatureDifference[ranked.Length];
        for (int i = 0; i < ranked.Length; i++)
        {
            int j = ranked[i];
            differences[i] = new PersonaFeatureDifference(features[j], clusterMeans[j], data.Means[j], z[j]);
        }

        return differences;
    }

    /// <summary>Per persona and feature, the members' mean in the feature's own units, missing values counted at the overall mean.</summary>
    private static double[] ClusterMeans(PersonaFit fit, IReadOnlyList<double[]> rows)
    {
        int d = fit.Data.Dimensions;
        var sums = new double[fit.K * d];
        var overall = fit.Data.Means;
        for (int i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            int offset = fit.Labels[i] * d;
            for (int j = 0; j < d; j++)
            {
                sums[offset + j] += double.IsNaN(row[j]) ? overall[j] : row[j];
            }
        }

        for (int c = 0; c < fit.K; c++)
        {
            for (int j = 0; j < d; j++)
            {
                sums[c * d + j] = fit.Sizes[c] > 0 ? sums[c * d + j] / fit.Sizes[c] : overall[j];
            }
        }

        return sums;
    }

    private static PersonaChannelShare[] TopChannels(Dictionary<string, long> counts, int top)
    {
        long total = 0;
        foreach (var (_, count) in counts)
        {
            total += count;
        }

        return total == 0 ? [] :
        [
            .. counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)
                .Take(Math.Max(0, top)).Select(c => new PersonaChannelShare(c.Key, (double)c.Value / total)),
        ];
    }

    private static PersonaJourney? TopJourney(Dictionary<string, int> journeys, long members)
    {
        string? best = null;
        int bestCount = 0;
        foreach (var (journey, count) in journeys)
        {
            if (count > bestCount || (count == bestCount && string.CompareOrdinal(journey, best) < 0))
            {
                (best, bestCount) = (journey, count);
            }
        }

        return best is null || members == 0 ? null : new PersonaJourney(best.Split(StepSeparator), (double)bestCount / members);
    }

    private static Aggregates Aggregate(IReadOnlyList<PersonaInput> inputs, int[] labels, int k)
    {
        var aggregates = new Aggregates(new double[k], new Dictionary<string, long>[k], new Dictionary<string, int>[k]);
        for (int c = 0; c < k; c++)
        {
            aggregates.Channels[c] = new(StringComparer.Ordinal);
            aggregates.Journeys[c] = new(StringComparer.Ordinal);
        }

        for (int i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            int c = labels[i];
            double revenue = (double)input.Profile.Revenue;
            aggregates.Revenue[c] += revenue;
            aggregates.TotalRevenue += revenue;
            foreach (var (channel, count) in input.Profile.ChannelCounts)
            {
                if (count > 0)
                {
                    aggregates.Channels[c][channel] = aggregates.Channels[c].GetValueOrDefault(channel) + count;
                }
            }

            if (input.ChannelPath.Count > 0)
            {
                var journey = string.Join(StepSeparator, input.ChannelPath.Take(JourneySteps));
                aggregates.Journeys[c][journey] = aggregates.Journeys[c].GetValueOrDefault(journey) + 1;
            }
        }

        return aggregates;
    }

    private sealed record Aggregates(double[] Revenue, Dictionary<string, long>[] Channels, Dictionary<string, int>[] Journeys)
    {
        public double TotalRevenue { get; set; }
    }
}
