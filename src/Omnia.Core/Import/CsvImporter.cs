using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Omnia.Core.Import;

/// <summary>
/// Turns a CSV file (CRM customer export, POS sales, support tickets, historical events) into Segment HTTP API
/// events, one per data row, for the normal ingestion pipeline. Rows are read one at a time, so a file of millions
/// of rows needs no more memory than one row; a bad row is reported and skipped while the rest go on.
/// </summary>
/// <remarks>
/// Columns are matched by name, case-insensitively, with spaces and dashes read as underscores. Identifier columns:
/// <c>user_id</c> (also customer_id, userid), <c>anonymous_id</c>, <c>email</c> (also e-mail, email_address),
/// <c>phone</c> (also phone_number, mobile). Also <c>message_id</c>, <c>timestamp</c>, and for events
/// <c>event</c> (event_name) and date aliases (date, created_at, order_date). Every other column becomes a trait
/// (customers) or a property (events) under its snake_case name. Email and phone go to <c>traits</c> of an
/// identify call and to <c>context.traits</c> of a track call, where identity resolution reads them; a row with
/// neither userId nor anonymousId gets an anonymousId derived from its email or phone, because ingestion requires
/// one. Message ids are derived from the file name and the row unless a <c>message_id</c> column gives them.
/// </remarks>
public static class CsvImporter
{
    // One value this long means a quote was never closed and the parser is swallowing the rest of the file.
    private const int MaxValueLength = 1 << 20;

    /// <summary>
    /// Reads the header at once, throwing <see cref="CsvImportException"/> if it is unusable, and returns the data
    /// rows lazily, in file order. Enumerate the result once; the caller keeps ownership of <paramref name="reader"/>.
    /// A fatal problem later in the file (a quote that is never closed) also ends the enumeration with
    /// <see cref="CsvImportException"/>.
    /// </summary>
    public static IEnumerable<CsvImportRow> Read(TextReader reader, CsvImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.SourceName))
        {
            throw new ArgumentException(
                "SourceName must name the imported file: message ids are derived from it.", nameof(options));
        }

        var quoteProblem = new QuoteProblem();
        var parser = new CsvParser(reader, Configuration(options, quoteProblem), leaveOpen: true);
        try
        {
            var header = CsvHeader.Parse(ReadHeaderCells(parser), options);
            return ReadRows(parser, header, options, quoteProblem);
        }
        catch
        {
            parser.Dispose();
            throw;
        }
    }

    private static CsvConfiguration Configuration(CsvImportOptions options, QuoteProblem quoteProblem)
    {
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            // Blank lines are kept (and skipped later) so line numbers match the rows a spreadsheet shows.
            IgnoreBlankLines = false,
            MaxFieldSize = MaxValueLength,
            BadDataFound = _ => quoteProblem.Found = true,
        };

        if (options.Delimiter is { } delimiter)
        {
            configuration.Delimiter = delimiter.ToString();
        }
        else
        {
            configuration.DetectDelimiter = true;
            configuration.GetDelimiter = args => CsvDelimiter.Detect(args.Text);
        }

        return configuration;
    }

    private static string[] ReadHeaderCells(CsvParser parser)
    {
        while (NextRecord(parser))
        {
            var cells = new string[parser.Count];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = parser[i];
            }

            if (cells.Any(c => !string.IsNullOrWhiteSpace(c)))
            {
                return cells;
            }
        }

        throw new CsvImportException(
            "The file is empty. It needs a header row naming the columns (for example user_id,email,first_name) "
            + "and then one row per customer or event.");
    }

    private static IEnumerable<CsvImportRow> ReadRows(
        CsvParser parser, CsvHeader header, CsvImportOptions options, QuoteProblem quoteProblem)
    {
        using (parser)
        using (var mapper = new CsvRowMapper(header, options, parser.Delimiter))
        {
            var values = new string[header.Count];
            while (true)
            {
                quoteProblem.Found = false;
                if (!NextRecord(parser))
                {
                    yield break;
                }

                var count = parser.Count;
                if (values.Length < count)
                {
                    Array.Resize(ref values, count);
                }

                var badQuoteColumn = -1;
                for (var i = 0; i < count; i++)
                {
                    values[i] = parser[i];
                    if (quoteProblem.Found && badQuoteColumn < 0)
                    {
                        badQuoteColumn = i;
                    }
                }

                var row = mapper.Map(parser.Row, values, count, badQuoteColumn);
                if (row is not null)
                {
                    yield return row;
                }
            }
        }
    }

    private static bool NextRecord(CsvParser parser)
    {
        try
        {
            return parser.Read();
        }
        catch (MaxFieldSizeException e)
        {
            throw new CsvImportException(
                $"Reading stopped after line {parser.Row}: a value is longer than {MaxValueLength:N0} characters, "
                + "which almost always means a double quote that opens a value is never closed. "
                + "Close it, or double it (\"\") if it is part of the text.", e);
        }
        catch (CsvHelperException e)
        {
            throw new CsvImportException($"Reading stopped after line {parser.Row}: the file is not valid CSV ({e.Message}).", e);
        }
    }

    private sealed class QuoteProblem
    {
        public bool Found { get; set; }
    }
}
