using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Omnia.Core.Costs;

/// <summary>A row of a cost file that could not be read, with its line number.</summary>
public sealed record CostCsvError(int Line, string Message)
{
    public override string ToString() => $"line {Line}: {Message}";
}

/// <summary>The rows a cost file holds and the lines it could not read.</summary>
public sealed record CostCsvResult(IReadOnlyList<CostRow> Rows, IReadOnlyList<CostCsvError> Errors);

/// <summary>
/// Reads cost files as ad platforms export them: a header, then one row per day × channel × campaign. Columns are
/// found by name, case-insensitively: <c>date</c> (or day; <c>2026-11-03</c>), <c>channel</c> (a channel code such as
/// paid_search), <c>campaign</c> (optional; utm_campaign also works), <c>spend</c> (or cost, amount; a dot for
/// decimals), <c>impressions</c> and <c>clicks</c> (optional). Comma, semicolon or tab between fields (taken from the
/// header). A bad row is reported with its line number and skipped; the others are read.
/// </summary>
public static class CostCsv
{
    private static readonly string[][] Aliases =
    [
        ["date", "day"], ["channel"], ["campaign", "utm_campaign", "campaign_name"], ["spend", "cost", "amount"], ["impressions"], ["clicks"],
    ];

    /// <summary>The header a file written by <see cref="Write"/> starts with.</summary>
    public const string Header = "date,channel,campaign,spend,impressions,clicks";

    /// <summary>Reads a whole file.</summary>
    /// <exception cref="FormatException">The header lacks a required column (date, channel, spend); nothing is read.</exception>
    public static CostCsvResult Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true,
            DetectDelimiterValues = [",", ";", "\t"],
            IgnoreBlankLines = true,
            BadDataFound = null,
        };
        using var parser = new CsvParser(reader, configuration, leaveOpen: true);
        if (!parser.Read())
            throw new FormatException($"The file is empty; it needs a header such as {Header}.");
        var columns = Columns(parser);
        var rows = new List<CostRow>();
        var errors = new List<CostCsvError>();
        while (parser.Read())
        {
            var line = parser.RawRow;
            if (Enumerable.Range(0, parser.Count).All(i => string.IsNullOrWhiteSpace(parser[i])))
                continue;
            var problems = new List<string>();
            var row = ReadRow(parser, columns, problems);
            if (row is not null)
                problems.AddRange(CostValidation.Problems(row));
            if (problems.Count > 0)
                errors.Add(new CostCsvError(line, string.Join("; ", problems)));
            else
                rows.Add(row!);
        }

        return new CostCsvResult(rows, errors);
    }

    /// <summary>Writes rows in the layout <see cref="Read"/> reads.</summary>
    public static void Write(TextWriter writer, IEnumerable<CostRow> rows)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine(Header);
        foreach (var row in rows)
        {
            writer.WriteLine(string.Join(',', row.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), row.Channel, Quote(row.Campaign ?? ""),
                row.Spend.ToString(CultureInfo.InvariantCulture), row.Impressions.ToString(CultureInfo.InvariantCulture), row.Clicks.ToString(CultureInfo.InvariantCulture)));
        }
    }

    private static string Quote(string text) =>
        text.AsSpan().IndexOfAny(",\";\n\r\t") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;

    private static int[] Columns(CsvParser parser)
    {
        var found = new int[Aliases.Length];
        Array.Fill(found, -1);
        for (var i = 0; i < parser.Count; i++)
        {
            var name = parser[i].Trim().ToLowerInvariant().Replace(' ', '_').Replace('-', '_');
            for (var c = 0; c < Aliases.Length; c++)
            {
                if (found[c] < 0 && Aliases[c].Contains(name))
                    found[c] = i;
            }
        }

        var missing = new[] { 0, 1, 3 }.Where(c => found[c] < 0).Select(c => Aliases[c][0]).ToList();
        if (missing.Count > 0)
            throw new FormatException($"line 1: the header has no {string.Join(", ", missing)} column; start the file with {Header} (campaign, impressions and clicks may be left out)");
        return found;
    }

    private static CostRow? ReadRow(CsvParser parser, int[] columns, List<string> problems)
    {
        string Field(int column) => columns[column] >= 0 && columns[column] < parser.Count ? parser[columns[column]].Trim() : "";

        var dateText = Field(0);
        if (!DateOnly.TryParseExact(dateText, ["yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ssZ", "yyyy/MM/dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            problems.Add($"date '{dateText}' is not a date; write it as 2026-11-03");
        var channel = Field(1).ToLowerInvariant();
        if (channel.Length == 0)
            problems.Add("channel is empty; use a channel code such as paid_search");
        var campaign = Field(2);
        var spendText = Field(3);
        if (!decimal.TryParse(spendText, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var spend))
            problems.Add($"spend '{spendText}' is not a number; use a dot for decimals and no currency sign, e.g. 1250.50");
        var impressions = Count(Field(4), "impressions", problems);
        var clicks = Count(Field(5), "clicks", problems);
        return problems.Count > 0 ? null : new CostRow(day, channel, campaign.Length == 0 ? null : campaign, spend, impressions, clicks);
    }

    private static long Count(string text, string name, List<string> problems)
    {
        if (text.Length == 0)
            return 0;
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            return count;
        problems.Add($"{name} '{text}' is not a whole number of 0 or more");
        return 0;
    }
}
