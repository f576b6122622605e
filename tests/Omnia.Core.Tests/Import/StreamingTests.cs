using Omnia.Core.Import;
using static Omnia.Core.Tests.Import.CsvImports;

namespace Omnia.Core.Tests.Import;

public class StreamingTests
{
    [Fact]
    public void Rows_are_read_as_they_are_consumed_not_all_at_once()
    {
        using var reader = new GeneratedCsvReader(rows: 1_000_000);

        var first = CsvImporter.Read(reader, ForEvents("Page Viewed")).Take(3).ToList();

        Assert.Equal([2, 3, 4], first.Select(r => r.Line));
        Assert.All(first, r => Assert.True(r.Succeeded, r.Error?.Message));
        Assert.InRange(reader.RowsProduced, 3, 10_000);
    }

    [Fact]
    public void Many_rows_import_with_distinct_message_ids()
    {
        using var reader = new GeneratedCsvReader(rows: 20_000);

        var ids = CsvImporter.Read(reader, ForEvents("Page Viewed")).Select(r => Parse(r).Text("messageId")).ToList();

        Assert.Equal(20_000, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    /// <summary>A CSV file produced row by row on demand, counting how far it has been read.</summary>
    private sealed class GeneratedCsvReader(int rows) : TextReader
    {
        private string _pending = "user_id,timestamp,path\n";
        private int _position;

        public int RowsProduced { get; private set; }

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer)
        {
            if (_position == _pending.Length)
            {
                if (RowsProduced == rows)
                {
                    return 0;
                }

                RowsProduced++;
                _pending = $"user-{RowsProduced},{1_700_000_000 + RowsProduced},/products/{RowsProduced % 97}\n";
                _position = 0;
            }

            var length = Math.Min(buffer.Length, _pending.Length - _position);
            _pending.AsSpan(_position, length).CopyTo(buffer);
            _position += length;
            return length;
        }

        public override int Peek() => _position < _pending.Length ? _pending[_position] : -1;

        public override int Read() => _position < _pending.Length ? _pending[_position++] : -1;
    }
}
