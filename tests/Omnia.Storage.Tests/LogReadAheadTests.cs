using System.Text;
using Omnia.Core.Events;
using Omnia.Core.Processing;
using Omnia.Storage.Sqlite;

namespace Omnia.Storage.Tests;

/// <summary>The processing loop's read-ahead over the real log: every event once, in order, and nothing erased after a drop.</summary>
public sealed class LogReadAheadTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("omnia-readahead-").FullName;
    private readonly SqliteStore _store;

    public LogReadAheadTests() => _store = new SqliteStore(_directory, TimeProvider.System);

    public void Dispose()
    {
        _store.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }

    private async Task<long[]> AppendAsync(int count, int first = 0)
    {
        var body = "{\"batch\":[" + string.Join(",", Enumerable.Range(first, count).Select(i =>
            $$"""{"type":"track","messageId":"m-{{i}}","event":"E{{i}}","userId":"u-{{i % 7}}"}""")) + "]}";
        using var request = SegmentRequest.Parse(Encoding.UTF8.GetBytes(body));
        var accepted = request.Extract(null, 1, 1, DateTimeOffset.UtcNow).Accepted;
        var seqs = new long[accepted.Count];
        await _store.Events.AppendAsync(accepted, seqs);
        return seqs;
    }

    [Fact]
    public async Task Reading_through_it_gives_every_event_once_in_log_order_even_when_the_log_grows_meanwhile()
    {
        await AppendAsync(250);
        var reader = new LogReadAhead(_store.Events, 64);
        var seen = new List<string>();
        long after = 0;
        bool grown = false;
        while (true)
        {
            var chunk = await reader.ReadAfterAsync(after);
            if (chunk.Count == 0)
                break;
            seen.AddRange(chunk.Select(e => e.Name!));
            after = chunk[^1].Seq;
            if (!grown)
            {
                await AppendAsync(100, first: 250); // appended while a chunk is being read ahead
                grown = true;
            }
        }

        Assert.Equal(Enumerable.Range(0, 350).Select(i => $"E{i}"), seen);
    }

    [Fact]
    public async Task A_chunk_read_ahead_is_not_used_after_a_drop_so_events_deleted_meanwhile_are_not_applied()
    {
        var seqs = await AppendAsync(20);
        var reader = new LogReadAhead(_store.Events, 10);
        var first = await reader.ReadAfterAsync(0); // full: the next ten are being read ahead
        Assert.Equal(10, first.Count);

        await reader.DropAsync();
        await _store.Events.DeleteAsync([seqs[12], seqs[13]]);
        var second = await reader.ReadAfterAsync(first[^1].Seq);

        Assert.Equal(8, second.Count);
        Assert.DoesNotContain(second, e => e.Seq == seqs[12] || e.Seq == seqs[13]);
    }

    [Fact]
    public async Task A_chunk_read_ahead_for_another_position_is_dropped_and_the_asked_position_read()
    {
        await AppendAsync(30);
        var reader = new LogReadAhead(_store.Events, 10);
        var first = await reader.ReadAfterAsync(0);
        var again = await reader.ReadAfterAsync(0); // e.g. the loop took events from memory meanwhile, then asks elsewhere

        Assert.Equal(first.Select(e => e.Seq), again.Select(e => e.Seq));
    }
}
