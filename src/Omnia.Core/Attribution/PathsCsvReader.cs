using System.Runtime.CompilerServices;
using System.Globalization;
using System.Text;

namespace Omnia.Core.Attribution;

/// <summary>
/// Reads paths in ChannelAttribution's layout: a header line, then one path per line as
/// <c>path;total_conversions;total_conversion_value;total_null</c>, with <c>;</c> or <c>,</c> between fields (taken
/// from the header) and <c> &gt; </c> between channels. Fields may be quoted (<c>"a, b &gt; c"</c>, <c>""</c> for a quote),
/// lines may end in CRLF, blank lines are skipped, and spaces around channel names are trimmed. When the header names
/// the four columns they may come in any order among others; otherwise the first four columns are taken in that order.
/// </summary>
public static class PathsCsvReader
{
    /// <summary>The column names of the layout, in their usual order.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["path", "total_conversions", "total_conversion_value", "total_null"];

    /// <summary>Reads a whole file (UTF-8, with or without a byte order mark).</summary>
    /// <exception cref="PathsCsvException">The file is not in the layout; the message names the line.</exception>
    public static PathSet Read(Stream stream)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
        return Read(reader);
    }

    /// <summary>Reads paths from text.</summary>
    /// <exception cref="PathsCsvException">The text is not in the layout; the message names the line.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static PathSet Read(TextReader reader)
    {
        var records = new CsvRecords(reader);
        var builder = new PathSetBuilder();
        if (!records.Next())
        {
            throw new PathsCsvException(1, $"the file is empty; it needs a header line ({string.Join(';', Columns)}) and one path per line.");
        }

        int headerLine = records.Line;
        char delimiter = records.Current.Contains(';') ? ';' : records.Current.Contains(',') ? ',' : '\0';
        if (delimiter == '\0')
        {
            throw new PathsCsvException(headerLine, $"expected a header with 4 columns separated by ';' or ',' ({string.Join(';', Columns)}).");
        }

        var header = records.Split(delimiter);
        var at = ColumnPositions(header, headerLine, delimiter);
        int needed = at.Max() + 1;
        int[] channelBuffer = new int[64];
        while (records.Next())
        {
            var fields = records.Split(delimiter);
            int line = records.Line;
            if (fields.Count < needed)
            {
                throw new PathsCsvException(line, $"expected {needed} fields separated by '{delimiter}' ({string.Join(delimiter, Columns)}), found {fields.Count}.");
            }

            int length = 0;
            var path = fields[at[0]];
            while (!path.IsEmpty)
            {
                int gt = path.IndexOf('>');
                var token = (gt < 0 ? path : path[..gt]).Trim();
                path = gt < 0 ? default : path[(gt + 1)..];
                if (token.IsEmpty)
                {
                    continue;
                }

                if (length == channelBuffer.Length)
                {
                    Array.Resize(ref channelBuffer, length * 2);
                }

                channelBuffer[length++] = builder.ChannelId(token);
            }

            if (length == 0)
            {
                throw new PathsCsvException(line, "the path is empty; write its channels joined by ' > ', e.g. email > direct.");
            }

            double conversions = Number(fields[at[1]], Columns[1], line);
            double value = Number(fields[at[2]], Columns[2], line);
            double nulls = Number(fields[at[3]], Columns[3], line);
            builder.AddPath(channelBuffer.AsSpan(0, length), conversions, value, nulls);
        }

        return builder.Build();
    }

    private static int[] ColumnPositions(CsvFields header, int line, char delimiter)
    {
        var names = new string[header.Count];
        for (int i = 0; i < names.Length; i++)
        {
            names[i] = header[i].Trim().ToString().ToLowerInvariant();
        }

        var byName = Columns.Select(c => Array.IndexOf(names, c)).ToArray();
        if (byName.All(i => i >= 0))
        {
            return byName;
        }

        if (names.Length < Columns.Count)
        {
            throw new PathsCsvException(line, $"expected a header with 4 columns separated by '{delimiter}' ({string.Join(delimiter, Columns)}), found {names.Length}.");
        }

        if (Enumerable.Range(1, 3).All(i => double.TryParse(names[i], NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
        {
            throw new PathsCsvException(line, $"this looks like a path, not a header; the first line names the columns ({string.Join(delimiter, Columns)}).");
        }

        return [0, 1, 2, 3];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Number(ReadOnlySpan<char> field, string column, int line)
    {
        if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) || !double.IsFinite(number))
        {
            string shown = field.Trim().IsEmpty ? "empty" : $"'{field.Trim().ToString()}', not a number";
            throw new PathsCsvException(line, $"{column} is {shown}; write a number such as 3 or 12.5 (with a dot for decimals).");
        }

        if (number < 0)
        {
            throw new PathsCsvException(line, $"{column} is {number.ToString(CultureInfo.InvariantCulture)}; it must be 0 or more.");
        }

        return number;
    }
}
