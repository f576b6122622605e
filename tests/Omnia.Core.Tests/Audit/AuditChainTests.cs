using Omnia.Core.Audit;

namespace Omnia.Core.Tests.Audit;

/// <summary>The audit log's hash chain: any change, removal or reordering of an entry is found at that entry.</summary>
public sealed class AuditChainTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_untouched_chain_verifies()
    {
        Assert.Null(AuditChain.FirstBroken(Chain(5)));
        Assert.Null(AuditChain.FirstBroken([]));
    }

    [Theory]
    [InlineData("actor")]
    [InlineData("after")]
    [InlineData("at")]
    [InlineData("workspace")]
    public void A_changed_field_breaks_the_chain_at_that_entry(string field)
    {
        var entries = Chain(5);
        var e = entries[2];
        entries[2] = field switch
        {
            "actor" => e with { Actor = "someone else" },
            "after" => e with { After = """{"role":"owner"}""" },
            "at" => e with { At = e.At.AddSeconds(1) },
            _ => e with { WorkspaceId = 9 },
        };

        Assert.Equal(3, AuditChain.FirstBroken(entries));
    }

    [Fact]
    public void A_removed_entry_breaks_the_chain_at_the_next_one()
    {
        var entries = Chain(5);
        entries.RemoveAt(1);

        Assert.Equal(3, AuditChain.FirstBroken(entries));
    }

    [Fact]
    public void Fields_cannot_be_shifted_from_one_to_the_next_without_changing_the_hash()
    {
        var a = AuditChain.Hash(AuditChain.Genesis, 1, At, new AuditRecord(null, "ab", "c", "x", "t", null, null));
        var b = AuditChain.Hash(AuditChain.Genesis, 1, At, new AuditRecord(null, "a", "bc", "x", "t", null, null));

        Assert.NotEqual(a, b);
    }

    private static List<AuditEntry> Chain(int count)
    {
        var entries = new List<AuditEntry>();
        string previous = AuditChain.Genesis;
        for (int i = 1; i <= count; i++)
        {
            var record = new AuditRecord(i % 2 == 0 ? null : 1, $"user u{i}@example.com", "127.0.0.1", "segment.saved", $"s{i}", i == 1 ? null : $$"""{"v":{{i - 1}}}""", $$"""{"v":{{i}}}""");
            var at = At.AddMinutes(i);
            string hash = AuditChain.Hash(previous, i, at, record);
            entries.Add(new AuditEntry(i, at, record.WorkspaceId, record.Actor, record.Client, record.Action, record.Target, record.Before, record.After, hash));
            previous = hash;
        }

        return entries;
    }
}
