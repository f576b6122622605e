using Omnia.Core.Attribution;

namespace Omnia.Core.Tests.Attribution;

/// <summary>Path sets for the attribution tests, written as ChannelAttribution writes paths ("a > b > c").</summary>
internal static class Journeys
{
    public readonly record struct Row(string Path, double Conversions, double Value, double Nulls);

    public static PathSet Of(params Row[] rows)
    {
        var builder = new PathSetBuilder();
        foreach (var row in rows)
        {
            builder.Add(Touches(row.Path), row.Conversions, row.Value, row.Nulls);
        }

        return builder.Build();
    }

    public static AttributionTouch[] Touches(string path) =>
        [.. path.Split('>', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(c => new AttributionTouch(c))];

    /// <summary>Credits of one model by key name.</summary>
    public static Dictionary<string, (double Conversions, double Value)> Credits(AttributionReport report, AttributionModel model)
    {
        var credits = report[model];
        return report.Keys.Select((k, i) => (k.ToString(), (credits.Conversions[i], credits.Value[i]))).ToDictionary(x => x.Item1, x => x.Item2);
    }

    public static Dictionary<string, (double Conversions, double Value)> Run(PathSet paths, AttributionModel model, AttributionOptions? options = null) =>
        Credits(AttributionEngine.Run(paths, [model], options), model);

    /// <summary>
    /// Random journeys over <paramref name="channels"/>: lengths 1 to <paramref name="maxLength"/>, repeats likely,
    /// integer conversions and nulls (some rows all zero), values with cents.
    /// </summary>
    public static List<Row> Random(int seed, int rows, IReadOnlyList<string> channels, int maxLength = 6)
    {
        var random = new Random(seed);
        var result = new List<Row>(rows);
        for (int r = 0; r < rows; r++)
        {
            int length = random.Next(1, maxLength + 1);
            var path = new List<string>(length);
            for (int t = 0; t < length; t++)
            {
                path.Add(t > 0 && random.NextDouble() < 0.3 ? path[^1] : channels[random.Next(channels.Count)]);
            }

            int conversions = random.NextDouble() < 0.6 ? random.Next(0, 4) : 0;
            int nulls = random.Next(0, 5);
            double value = conversions * Math.Round(20 + random.NextDouble() * 100, 2);
            result.Add(new Row(string.Join(" > ", path), conversions, value, nulls));
        }

        return result;
    }
}
