using System.Globalization;
using Omnia.Core.Personas;

namespace Omnia.Server.Dashboard.Shared;

/// <summary>How the dashboard words what sets a persona apart: "Store share: 64% vs 9% average".</summary>
public static class PersonaText
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    /// <summary>Features that are fractions of 0–1 without saying so in their name.</summary>
    private static readonly HashSet<string> Fractions = new(StringComparer.Ordinal)
    {
        PersonaFeatures.Identified, PersonaFeatures.OrdersPerEvent, PersonaFeatures.ProductEventsPerEvent,
    };

    /// <summary>The feature's name for people: the log-scale counts lose their "(log)".</summary>
    public static string Label(string feature) => feature.EndsWith(" (log)", StringComparison.Ordinal) ? feature[..^6] : feature;

    /// <summary>One of the feature's means in its own units: "64%", "41 days", "$212.40", "about 12".</summary>
    public static string Value(string feature, double mean)
    {
        if (double.IsNaN(mean) || double.IsInfinity(mean))
        {
            return "—";
        }

        if (IsShare(feature))
        {
            return Share(mean);
        }

        if (feature.EndsWith(" (log)", StringComparison.Ordinal))
        {
            // The mean of log(1 + x) read back is a geometric mean: what a typical member has.
            double typical = Math.Max(0, Math.Exp(mean) - 1);
            return "about " + (feature == PersonaFeatures.Revenue ? "$" + typical.ToString("#,0", Culture) : typical.ToString(typical < 10 ? "0.#" : "#,0", Culture));
        }

        if (feature == PersonaFeatures.AverageOrderValue)
        {
            return Format.Money((decimal)mean);
        }

        if (feature.Contains("days", StringComparison.OrdinalIgnoreCase))
        {
            string days = mean.ToString("#,0", Culture);
            return days == "1" ? "1 day" : $"{days} days";
        }

        return feature == PersonaFeatures.Age ? $"{mean.ToString("0", Culture)} years" : mean.ToString("#,0.##", Culture);
    }

    /// <summary>"Store share: 64% vs 9% average".</summary>
    public static string Difference(PersonaFeatureDifference d) =>
        $"{Label(d.Feature)}: {Value(d.Feature, d.ClusterMean)} vs {Value(d.Feature, d.OverallMean)} average";

    /// <summary>"64%", or "0.4%" for the small shares that would otherwise all read 0%.</summary>
    public static string Share(double share) => share is > 0 and < 0.1 ? share.ToString("0.#%", Culture) : share.ToString("0%", Culture);

    private static bool IsShare(string feature) =>
        Fractions.Contains(feature)
        || feature.EndsWith(" share", StringComparison.Ordinal)
        || feature.EndsWith(" opt-in", StringComparison.Ordinal)
        || feature.EndsWith(" affinity", StringComparison.Ordinal);
}
