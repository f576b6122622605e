using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Omnia.Dashboard.Tests;

/// <summary>Server render times read from the <c>Server-Timing: app;dur=…</c> header, per page.</summary>
public sealed class RenderTimes
{
    private readonly ConcurrentDictionary<string, ConcurrentBag<double>> _samples = new(StringComparer.Ordinal);

    /// <summary>The <c>app</c> duration of a response in milliseconds; fails when the header is missing.</summary>
    public static double Parse(IResponse? response)
    {
        Assert.NotNull(response);
        string? header = response.Headers.TryGetValue("server-timing", out var value) ? value : null;
        Assert.False(header is null, $"{response.Url} has no Server-Timing header.");
        foreach (string metric in header!.Split(','))
        {
            string[] parts = metric.Split(';', StringSplitOptions.TrimEntries);
            if (parts[0] == "app")
            {
                string dur = parts.First(p => p.StartsWith("dur=", StringComparison.Ordinal))[4..];
                return double.Parse(dur, CultureInfo.InvariantCulture);
            }
        }

        Assert.Fail($"{response.Url} has no 'app' metric in Server-Timing: {header}");
        return 0;
    }

    public void Add(string page, double milliseconds) => _samples.GetOrAdd(page, _ => []).Add(milliseconds);

    public IReadOnlyDictionary<string, (double Median, double Max, int Count)> Summary() =>
        _samples.OrderBy(s => s.Key, StringComparer.Ordinal).ToDictionary(
            s => s.Key,
            s =>
            {
                var sorted = s.Value.Order().ToArray();
                double median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
                return (median, sorted[^1], sorted.Length);
            });

    public void Write(string path)
    {
        var text = new StringBuilder("| Page | Median (ms) | Max (ms) | Loads |\n|---|---:|---:|---:|\n");
        foreach (var (page, (median, max, count)) in Summary())
        {
            text.Append(CultureInfo.InvariantCulture, $"| {page} | {median:0.0} | {max:0.0} | {count} |\n");
        }

        File.WriteAllText(path, text.ToString());
    }
}
