using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Omnia.Core.Analytics;
using Omnia.Core.Paths;
using Omnia.Core.Touchpoints;

namespace Omnia.Server.Dashboard.Shared.Measurement;

/// <summary>
/// The data analytics.js draws, built from the same report objects the pages' tables show: embedded in the page as
/// <c>&lt;script type="application/json"&gt;</c> (JSON's encoder escapes <c>&lt;</c>, so it cannot close the tag).
/// </summary>
public static class ChartSpecs
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The spec as JSON markup for a data script.</summary>
    public static MarkupString Embed(object spec) => new(JsonSerializer.Serialize(spec, Json));

    /// <summary>One series of a bar chart.</summary>
    public sealed record Series(string Name, IReadOnlyList<double> Values, string? Color = null);

    /// <summary>A bar chart (stacked, horizontal and labelled as asked).</summary>
    public sealed record Bar(IReadOnlyList<string> Categories, IReadOnlyList<Series> Series, string ValueFormat = "count", bool Stacked = false, bool Horizontal = false, bool Labels = false);

    /// <summary>A Pareto chart: bars, the cumulative share, the threshold, and which bars are in the core set.</summary>
    public sealed record ParetoSpec(IReadOnlyList<string> Categories, IReadOnlyList<double> Values, IReadOnlyList<double> Cumulative, IReadOnlyList<bool> Core, double Threshold, string ValueName, string ValueFormat);

    public sealed record SankeyNode(string Name);

    public sealed record SankeyLink(string Source, string Target, double Value);

    /// <summary>A Sankey diagram.</summary>
    public sealed record Sankey(IReadOnlyList<SankeyNode> Nodes, IReadOnlyList<SankeyLink> Links);

    /// <summary>
    /// The top converting paths as a Sankey: one column per position ("1 · Email", "2 · Paid search", …), each path's
    /// conversions flowing from touchpoint to touchpoint and into "Conversion".
    /// </summary>
    public static Sankey Journeys(IEnumerable<PathRow> paths)
    {
        var links = new Dictionary<(string, string), double>();
        var nodes = new List<string>();
        void Node(string name)
        {
            if (!nodes.Contains(name))
                nodes.Add(name);
        }

        foreach (var path in paths.Where(p => p.Conversions > 0))
        {
            var names = path.Touches.Select((t, i) => $"{i + 1} · {Name(t)}").Append("Conversion").ToList();
            foreach (var name in names)
                Node(name);
            for (var i = 0; i + 1 < names.Count; i++)
                links[(names[i], names[i + 1])] = links.GetValueOrDefault((names[i], names[i + 1])) + path.Conversions;
        }

        return new Sankey([.. nodes.Select(n => new SankeyNode(n))], [.. links.Select(l => new SankeyLink(l.Key.Item1, l.Key.Item2, l.Value))]);
    }

    /// <summary>A Pareto ranking as a chart.</summary>
    public static ParetoSpec Pareto(ParetoResult ranking, string valueName, bool money)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        var items = ranking.Items.Where(i => i.Value > 0).ToList();
        return new ParetoSpec([.. items.Select(i => i.Key)], [.. items.Select(i => i.Value)], [.. items.Select(i => i.Cumulative)], [.. items.Select(i => i.InCore)],
            ranking.Threshold, valueName, money ? "money" : "count");
    }

    private static string Name(PathTouch touch) =>
        touch.Campaign is null ? Channels.DisplayName(touch.Channel) : $"{Channels.DisplayName(touch.Channel)} ({touch.Campaign})";
}
