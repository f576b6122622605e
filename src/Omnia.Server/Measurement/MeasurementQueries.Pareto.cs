using Omnia.Core.Analytics;
using Omnia.Core.Attribution;
using Omnia.Core.Goals;
using Omnia.Core.Paths;
using Omnia.Core.Visits;

namespace Omnia.Server.Measurement;

/// <summary>What a Pareto view ranks.</summary>
public enum ParetoSubject
{
    Channels,
    Campaigns,
    Journeys,

    /// <summary>What the last touchpoint of each conversion landed on: a page, a screen or a message.</summary>
    Content,
}

public sealed partial class MeasurementQueries
{
    /// <summary>
    /// Ranks channels, campaigns (credited by <paramref name="model"/>), journeys or content by conversions or
    /// revenue, naming the smallest set that brings 80 % (<paramref name="threshold"/>).
    /// </summary>
    public async Task<ParetoResult> ParetoAsync(
        int workspaceId, ConversionGoal goal, DateTimeOffset from, DateTimeOffset to, VisitOptions visits, ParetoSubject subject, bool byRevenue,
        AttributionModel model, double threshold = 0.8, CancellationToken ct = default)
    {
        switch (subject)
        {
            case ParetoSubject.Journeys:
                var paths = Paths(workspaceId, goal, new PathQuery { From = from, To = to, Visits = visits, Top = int.MaxValue });
                return Pareto.Rank(paths.Groups.SelectMany(g => g.TopConverting).Select(p => (p.Text, byRevenue ? p.Revenue : p.Conversions)), threshold);
            case ParetoSubject.Content:
                var (_, content) = await LandingPagesAsync(workspaceId, goal, from, to, visits, [], ct);
                return Pareto.Rank(content.Select(c => (c.Page, byRevenue ? c.Revenue : c.Conversions)), threshold);
            default:
                var level = subject == ParetoSubject.Campaigns ? AttributionLevel.Campaign : AttributionLevel.Channel;
                var comparison = await AttributionAsync(workspaceId, goal, from, to, visits, [model], AttributionOptions.Default with { Level = level }, ct);
                return Pareto.Rank(comparison.Rows.Select(r => (r.Campaign is null ? r.Channel : $"{r.Channel} / {r.Campaign}",
                    byRevenue ? r.Models[0].Revenue : r.Models[0].Conversions)), threshold);
        }
    }
}
