using static Omnia.Core.Personas.PersonaFeatures;

namespace Omnia.Core.Personas;

/// <summary>
/// Suggests a persona name from how far its centroid sits from average on each feature (z-scores). Each rule
/// scores the evidence for one name in σ; the strongest rule over its threshold wins, and the runners-up are
/// kept so two personas never get the same name. Only a suggestion: people rename personas.
/// </summary>
internal static class PersonaNamer
{
    private const string Affinity = " affinity";

    /// <summary>Candidate names, most fitting first; never empty.</summary>
    public static IReadOnlyList<string> Candidates(IReadOnlyList<string> features, ReadOnlySpan<double> z)
    {
        var byName = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int j = 0; j < features.Count; j++)
        {
            byName[features[j]] = z[j];
        }

        double Z(string feature) => byName.GetValueOrDefault(feature);
        var rules = new List<(double Score, string Name)>();
        void Rule(string name, double score, double threshold)
        {
            if (score >= threshold)
            {
                rules.Add((score, name));
            }
        }

        bool buys = Z(Orders) > 0;
        double lapsed = Math.Max(Z(DaysSinceLastSeen), Z(DaysSinceLastOrder));
        Rule(Z(Revenue) >= 0.5 ? "Lapsed high spenders" : "Lapsed customers", lapsed, Z(Revenue) >= 0.5 ? 0.5 : 1);
        Rule("Store regulars", Z(StoreShare), 1);
        Rule("App regulars", Math.Max(Z(PushShare), Z(PushOptIn)), 1);
        Rule(Z(PersonaFeatures.Events) > 0 ? "Anonymous browsers" : "Anonymous visitors", -Z(Identified), 1);
        Rule(buys ? "Paid social shoppers" : "Paid social browsers", Z(PaidSocialShare), 1);
        Rule(buys ? "Paid search shoppers" : "Paid search browsers", Z(PaidSearchShare), 1);
        Rule(buys ? "Search-led shoppers" : "Researchers who rarely buy", Z(OrganicSearchShare), 1);
        Rule(buys ? "Email-driven buyers" : "Email readers", Z(EmailShare), 1);
        Rule("SMS responders", Z(SmsShare), 1);
        Rule("Support seekers", Z(SupportShare), 1);
        Rule("Browsers who never buy", Math.Min(Z(PersonaFeatures.Events), -Z(OrdersPerEvent)), 0.5);
        Rule("High spenders", Z(Revenue), 1);
        Rule("Newcomers", -Z(TenureDays), 1);
        for (int j = 0; j < features.Count; j++)
        {
            if (features[j].EndsWith(Affinity, StringComparison.Ordinal))
            {
                Rule($"{features[j][..^Affinity.Length]} fans", z[j], 1.5);
            }
        }

        var names = rules.Select((rule, order) => (rule, order))
            .OrderByDescending(x => x.rule.Score).ThenBy(x => x.order)
            .Select(x => x.rule.Name).ToList();
        names.Add(Fallback(features, z));
        return names;
    }

    /// <summary>
    /// "Known customers" or "Active customers" when that is what stands out most, else "High store share", "Low
    /// revenue" from the furthest feature; "Typical customers" when nothing stands out.
    /// </summary>
    private static string Fallback(IReadOnlyList<string> features, ReadOnlySpan<double> z)
    {
        int top = -1;
        for (int j = 0; j < z.Length; j++)
        {
            if (top < 0 || Math.Abs(z[j]) > Math.Abs(z[top]))
            {
                top = j;
            }
        }

        if (top < 0 || Math.Abs(z[top]) < 0.25)
        {
            return "Typical customers";
        }

        var feature = features[top].Replace(" (log)", "", StringComparison.Ordinal);
        switch (feature)
        {
            case Identified when z[top] > 0:
                return "Known customers";
            case "Events" when z[top] > 0:
                return "Active customers";
        }

        var lower = feature.Length > 1 && char.IsLower(feature[1]) ? char.ToLowerInvariant(feature[0]) + feature[1..] : feature;
        return $"{(z[top] > 0 ? "High" : "Low")} {lower}";
    }
}
