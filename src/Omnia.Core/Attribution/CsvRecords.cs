using System.Runtime.CompilerServices;

namespace Omnia.Core.Attribution;

/// <summary>
/// The records of a CSV text, read in large chunks without a string per line. A record ends at a line feed outside
/// quotes; a carriage return before it is dropped; blank records are skipped. <see cref="Line"/> is the physical line
/// a record starts on, counting line feeds inside quoted fields.
/// </summary>
internal sealed class CsvRecords
{
    private readonly TextReader _reader;
    private char[] _buffer = new char[1 << 20];
    private char[] _scratch = new char[256];
    private Range[] _fields = new Range[8];
    private int _start;
    private int _end;
    private bool _eof;
    private int _nextLine = 1;
    private int _recordStart;
    private int _recordLength;
    private bool _quoted;

    public CsvRecords(TextReader reader) => _reader = reader;

    /// <summary>The line the current record starts on (1-based).</summary>
    public int Line { get; private set; }

    /// <summary>The current record, raw (quotes included, no line ending).</summary>
    public ReadOnlySpan<char> Current => _buffer.AsSpan(_recordStart, _recordLength);

    /// <summary>Moves to the next non-blank record; false at the end of the text.</summary>
    public bool Next()
    {
        while (true)
        {
            if (!Scan())
            {
                return false;
            }

            if (!Current.IsWhiteSpace())
            {
                return true;
            }
        }
    }

    /// <summary>Splits the current record at <paramref name="delimiter"/> outside quotes, unquoting quoted fields.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public CsvFields Split(char delimiter)
    {
        var record = Current;
        int count = 0;
        if (!_quoted)
        {
            int from = 0;
            while (true)
            {
                int at = record[from..].IndexOf(delimiter);
                AddField(ref count, new Range(_recordStart + from, at < 0 ? _recordStart + record.Length : _recordStart + from + at));
                if (at < 0)
                {
                    return new CsvFields(_buffer, _fields, count);
                }

                from += at + 1;
            }
        }

        if (_scratch.Length < record.Length)
        {
            _scratch = new char[record.Length * 2];
        }

        int written = 0, fieldStart = 0;
        bool inQuotes = false;
        for (int i = 0; i < record.Length; i++)
        {
            char c = record[i];
            if (c == '"')
            {
                if (inQuotes && i + 1 < record.Length && record[i + 1] == '"')
                {
                    _scratch[written++] = '"';
                    i++;
                }
                else
                {
                    inQuotes = !inQuotes;
                }
            }
            else if (c == delimiter && !inQuotes)
            {
                AddField(ref count, new Range(fieldStart, written));
                fieldStart = written;
            }
            else
            {
                _scratch[written++] = c;
            }
        }

        AddField(ref count, new Range(fieldStart, written));
        return new CsvFields(_scratch, _fields, count);
    }

    private void AddField(ref int count, Range range)
    {
        if (count == _fields.Length)
        {
            Array.Resize(ref _fields, count * 2);
        }

        _fields[count++] = range;
    }

    /// <summary>Finds the next record, blank or not.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Scan()
    {
        int i = _start;
        bool inQuotes = false, quoted = false;
        while (true)
        {
            var rest = _buffer.AsSpan(i, _end - i);
            int found = inQuotes ? rest.IndexOf('"') : rest.IndexOfAny('\n', '"');
            if (found < 0)
            {
                if (_eof)
                {
                    if (_start == _end)
                    {
                        return false;
                    }

                    Take(_end, _end, quoted);
                    return true;
                }

                i = Refill(i);
                continue;
            }

            i += found;
            if (_buffer[i] == '"')
            {
                inQuotes = !inQuotes;
                quoted = true;
                i++;
                continue;
            }

            Take(i, i + 1, quoted);
            return true;
        }
    }

    private void Take(int recordEnd, int next, bool quoted)
    {
        _recordStart = _start;
        _recordLength = recordEnd - _start;
        if (_recordLength > 0 && _buffer[recordEnd - 1] == '\r')
        {
            _recordLength--;
        }

        _quoted = quoted;
        Line = _nextLine;
        _nextLine += 1 + (quoted ? Current.Count('\n') : 0);
        _start = next;
    }

    /// <summary>Moves the unread part to the front (growing the buffer for a record longer than it) and reads more;
    /// returns where scanning resumes.</summary>
    private int Refill(int scanning)
    {
        int kept = _end - _start;
        if (kept == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        if (_start > 0)
        {
            _buffer.AsSpan(_start, kept).CopyTo(_buffer);
        }

        scanning -= _start;
        _start = 0;
        _end = kept;
        int read = _reader.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
        }

        _end += read;
        return scanning;
    }
}
