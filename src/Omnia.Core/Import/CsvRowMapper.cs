using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Omnia.Core.Events;

namespace Omnia.Core.Import;

/// <summary>
/// Maps one data row to a compact <c>identify</c> (customers) or <c>track</c> (events) call, or to the first
/// problem that keeps the row out. One instance per file; it reuses its buffers from row to row.
/// </summary>
internal sealed class CsvRowMapper : IDisposable
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly CsvHeader _header;
    private readonly CsvImportOptions _options;
    private readonly string _delimiter;
    private readonly CsvRowValidator _validator;
    private readonly CsvRowIds _ids;
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly Utf8JsonWriter _json;

    public CsvRowMapper(CsvHeader header, CsvImportOptions options, string delimiter)
    {
        _header = header;
        _options = options;
        _delimiter = delimiter;
        _validator = new CsvRowValidator(header, options);
        _ids = new CsvRowIds(options.SourceName);
        _json = new Utf8JsonWriter(_buffer, WriterOptions);
    }

    /// <summary>
    /// The row's outcome, or null for a row without any value (spreadsheets leave those behind).
    /// <paramref name="badQuoteColumn"/> is the first value the parser found a stray quote in, or -1.
    /// </summary>
    public CsvImportRow? Map(int line, string[] values, int count, int badQuoteColumn)
    {
        if (IsBlank(values, count))
        {
            return null;
        }

        if (count > _header.Count)
        {
            return Fail(line, null, $"{count} values but the header has {_header.Count} columns; put values that "
                + $"contain the delimiter {CsvDelimiter.Describe(_delimiter)} in double quotes");
        }

        if (badQuoteColumn >= 0)
        {
            return Fail(line, _header.Columns[badQuoteColumn].Header,
                $"column '{_header.Columns[badQuoteColumn].Header}' has a double quote that is not closed or not at "
                + "the start of the value; put the whole value in double quotes and double any quote inside it, "
                + "like \"5\"\" screen\"");
        }

        var row = CsvRowFields.Read(_header, values, count);
        var problem = _validator.Validate(line, row, out var timestamp);
        if (problem is not null)
        {
            return CsvImportRow.Failed(problem);
        }

        var messageId = row.MessageId ?? _ids.MessageId(values, count);
        var anonymousId = row.AnonymousId ?? (row.UserId is null ? _ids.AnonymousId(row.Email, row.Phone) : null);
        return Write(line, row with { AnonymousId = anonymousId }, values, count, messageId, timestamp);
    }

    public void Dispose()
    {
        _json.Dispose();
        _ids.Dispose();
    }

    private CsvImportRow Write(int line, CsvRowFields row, string[] values, int count, string messageId, string? timestamp)
    {
        var isEvent = _options.Kind == CsvImportKind.Events;
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        _json.WriteStartObject();
        _json.WriteString("type", isEvent ? "track" : "identify");
        _json.WriteString("messageId", messageId);
        if (isEvent)
        {
            _json.WriteString("event", row.Event ?? _options.EventName!.Trim());
        }

        WriteIfPresent("userId", row.UserId);
        WriteIfPresent("anonymousId", row.AnonymousId);
        WriteIfPresent("timestamp", timestamp);

        _json.WriteStartObject(isEvent ? "properties" : "traits");
        if (!isEvent)
        {
            WriteIfPresent("email", row.Email);
            WriteIfPresent("phone", row.Phone);
        }

        for (var i = 0; i < count; i++)
        {
            var column = _header.Columns[i];
            var value = values[i].Trim();
            if (column.Role != CsvColumnRole.Attribute || value.Length == 0)
            {
                continue;
            }

            var problem = CsvValues.TryWrite(_json, column, value, _options.Kind);
            if (problem is not null)
            {
                _json.Reset(_buffer);
                _buffer.ResetWrittenCount();
                return Fail(line, column.Header, problem);
            }
        }

        _json.WriteEndObject();
        WriteContext(isEvent, row);
        _json.WriteEndObject();
        _json.Flush();
        if (_buffer.WrittenCount > EventLimits.MaxEventBytes)
        {
            return Fail(line, null, $"the row makes an event of {_buffer.WrittenCount:N0} bytes; the limit is "
                + $"{EventLimits.MaxEventBytes / 1024} KB per event, so shorten or drop its longest values");
        }

        return CsvImportRow.Event(line, Encoding.UTF8.GetString(_buffer.WrittenSpan));
    }

    // Identity resolution reads email and phone of a track call from context.traits.
    private void WriteContext(bool isEvent, CsvRowFields row)
    {
        var channel = string.IsNullOrWhiteSpace(_options.Channel) ? null : _options.Channel.Trim();
        var traits = isEvent && (row.Email is not null || row.Phone is not null);
        if (channel is null && !traits)
        {
            return;
        }

        _json.WriteStartObject("context");
        WriteIfPresent("channel", channel);
        if (traits)
        {
            _json.WriteStartObject("traits");
            WriteIfPresent("email", row.Email);
            WriteIfPresent("phone", row.Phone);
            _json.WriteEndObject();
        }

        _json.WriteEndObject();
    }

    private void WriteIfPresent(string name, string? value)
    {
        if (value is not null)
        {
            _json.WriteString(name, value);
        }
    }

    private static bool IsBlank(string[] values, int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (!string.IsNullOrWhiteSpace(values[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static CsvImportRow Fail(int line, string? column, string problem) =>
        CsvImportRow.Failed(CsvRowError.At(line, column, problem));
}
