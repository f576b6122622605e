using System.Globalization;
using System.Text;
using Omnia.Core.Analytics;
using static System.Net.WebUtility;

namespace Omnia.Server.Measurement;

/// <summary>
/// Charts as inline SVG for the self-contained report file: no script, so they show in any browser and mail client
/// and under any content security policy. Each has a title for screen readers.
/// </summary>
internal static class SvgCharts
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public const string Ink = "#1f2937";
    public const string Accent = "#2563eb";
    public const string Second = "#f59e0b";
    public const string Muted = "#9ca3af";

    /// <summary>Horizontal bars, one per label, longest first as given.</summary>
    public static string Bars(string title, IReadOnlyList<(string Label, double Value)> items, Func<double, string> format, int width = 640)
    {
        if (items.Count == 0)
            return "";
        const int row = 24, labelWidth = 170, valueWidth = 90;
        var height = items.Count * row + 8;
        var max = Math.Max(items.Max(i => i.Value), 1e-9);
        var plot = width - labelWidth - valueWidth;
        var svg = Start(title, width, height);
        for (var i = 0; i < items.Count; i++)
        {
            var (label, value) = items[i];
            var y = 4 + i * row;
            var length = Math.Max(0, value / max * plot);
            svg.Append(Invariant, $"<text x=\"{labelWidth - 8}\" y=\"{y + 16}\" text-anchor=\"end\" font-size=\"12\" fill=\"{Ink}\">{HtmlEncode(label)}</text>");
            svg.Append(Invariant, $"<rect x=\"{labelWidth}\" y=\"{y + 4}\" width=\"{length:0.#}\" height=\"16\" rx=\"2\" fill=\"{Accent}\"/>");
            svg.Append(Invariant, $"<text x=\"{labelWidth + length + 6:0.#}\" y=\"{y + 16}\" font-size=\"12\" fill=\"{Ink}\">{HtmlEncode(format(value))}</text>");
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>Columns per day for one measure, with a label under every seventh.</summary>
    public static string Columns(string title, IReadOnlyList<(DateOnly Day, double Value)> days, Func<double, string> format, int width = 640, int height = 180)
    {
        if (days.Count == 0)
            return "";
        const int left = 56, bottom = 22, top = 10;
        var max = Math.Max(days.Max(d => d.Value), 1e-9);
        var plotHeight = height - bottom - top;
        var step = (double)(width - left - 8) / days.Count;
        var svg = Start(title, width, height);
        svg.Append(Invariant, $"<text x=\"{left - 6}\" y=\"{top + 10}\" text-anchor=\"end\" font-size=\"11\" fill=\"{Muted}\">{HtmlEncode(format(max))}</text>");
        svg.Append(Invariant, $"<line x1=\"{left}\" y1=\"{top + plotHeight}\" x2=\"{width - 8}\" y2=\"{top + plotHeight}\" stroke=\"{Muted}\"/>");
        for (var i = 0; i < days.Count; i++)
        {
            var (day, value) = days[i];
            var h = value / max * plotHeight;
            var x = left + i * step;
            svg.Append(Invariant, $"<rect x=\"{x + 1:0.#}\" y=\"{top + plotHeight - h:0.#}\" width=\"{Math.Max(1, step - 2):0.#}\" height=\"{h:0.#}\" fill=\"{Accent}\"><title>{day:yyyy-MM-dd}: {HtmlEncode(format(value))}</title></rect>");
            if (i % 7 == 0)
                svg.Append(Invariant, $"<text x=\"{x:0.#}\" y=\"{height - 6}\" font-size=\"11\" fill=\"{Muted}\">{day:MMM d}</text>");
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>A Pareto chart: bars of each item's share, the cumulative line, and the threshold.</summary>
    public static string Pareto(string title, ParetoResult ranking, Func<string, string> label, int width = 640, int height = 250)
    {
        var items = ranking.Items.Where(i => i.Value > 0).ToList();
        if (items.Count == 0)
            return "";
        const int left = 40, bottom = 80, top = 10;
        var plotHeight = height - bottom - top;
        var step = (double)(width - left - 8) / items.Count;
        var svg = Start(title, width, height);
        double Y(double share) => top + plotHeight - share * plotHeight;
        svg.Append(Invariant, $"<line x1=\"{left}\" y1=\"{Y(ranking.Threshold):0.#}\" x2=\"{width - 8}\" y2=\"{Y(ranking.Threshold):0.#}\" stroke=\"{Second}\" stroke-dasharray=\"4 3\"/>");
        svg.Append(Invariant, $"<text x=\"{left - 4}\" y=\"{Y(ranking.Threshold) + 4:0.#}\" text-anchor=\"end\" font-size=\"11\" fill=\"{Second}\">{ranking.Threshold:P0}</text>");
        var points = new List<string>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var x = left + i * step;
            svg.Append(Invariant, $"<rect x=\"{x + 2:0.#}\" y=\"{Y(item.Share):0.#}\" width=\"{Math.Max(1, step - 4):0.#}\" height=\"{item.Share * plotHeight:0.#}\" fill=\"{(item.InCore ? Accent : Muted)}\"><title>{HtmlEncode(item.Key)}: {item.Share:P1}</title></rect>");
            var (lx, ly) = (x + step / 2, height - bottom + 12);
            svg.Append(Invariant, $"<text x=\"{lx:0.#}\" y=\"{ly}\" text-anchor=\"end\" font-size=\"10\" fill=\"{Ink}\" transform=\"rotate(-35 {lx:0.#} {ly})\">{HtmlEncode(Short(label(item.Key)))}</text>");
            points.Add(string.Create(Invariant, $"{x + step / 2:0.#},{Y(item.Cumulative):0.#}"));
        }

        svg.Append(Invariant, $"<polyline points=\"{string.Join(' ', points)}\" fill=\"none\" stroke=\"{Ink}\" stroke-width=\"2\"/>");
        return svg.Append("</svg>").ToString();
    }

    private static string Short(string text) => text.Length <= 18 ? text : text[..17] + "…";

    private static StringBuilder Start(string title, int width, int height) => new StringBuilder()
        .Append(Invariant, $"<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"system-ui, sans-serif\">")
        .Append("<title>").Append(HtmlEncode(title)).Append("</title>");
}
