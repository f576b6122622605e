using System.Text.Json;
using Omnia.Core.Audiences;
using Omnia.Core.Events;
using Omnia.Core.Workspaces;

namespace Omnia.Storage.Tests;

/// <summary>
/// The behaviour every Omnia store must have. Each store (SQLite now, PostgreSQL later) subclasses
/// this and supplies a fresh instance.
/// </summary>
public abstract partial class StoreCompliance : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    protected StoreCompliance() => Store = CreateStore();

    protected IStoreUnderTest Store { get; }

    protected abstract IStoreUnderTest CreateStore();

    public void Dispose()
    {
        Store.Dispose();
        GC.SuppressFinalize(this);
    }

    private static LogEvent Event(string messageId, int workspace = 1, string? userId = "u1", DateTimeOffset? at = null, string? name = "Order Completed") =>
        new(0, workspace, 1, messageId, EventType.Track, name, userId, null, at ?? T0, T0.AddSeconds(1),
            $$$"""{"type":"track","messageId":"{{{messageId}}}","event":"{{{name}}}","userId":"{{{userId}}}","properties":{"revenue":10}}""");

    private async Task<long[]> AppendAsync(params LogEvent[] events)
    {
        var seqs = new long[events.Length];
        await Store.Events.AppendAsync(events, seqs);
        return seqs;
    }

    [Fact]
    public async Task Appended_events_get_increasing_positions_and_read_back_unchanged()
    {
        var seqs = await AppendAsync(Event("m1"), Event("m2", at: T0.AddMinutes(5)), Event("m3"));

        Assert.True(seqs[0] > 0 && seqs[1] > seqs[0] && seqs[2] > seqs[1]);
        var read = await Store.Events.ReadAfterAsync(0, 10);
        Assert.Equal(["m1", "m2", "m3"], read.Select(e => e.MessageId));
        Assert.Equal(seqs, read.Select(e => e.Seq));
        Assert.Equal(T0.AddMinutes(5), read[1].Timestamp);
        Assert.Equal(T0.AddSeconds(1), read[1].ReceivedAt);
        Assert.Equal("u1", read[0].UserId);
        Assert.Equal(EventType.Track, read[0].Type);
        Assert.Equal("Order Completed", read[0].Name);
        Assert.Equal(10, JsonDocument.Parse(read[0].Json).RootElement.GetProperty("properties").GetProperty("revenue").GetInt32());
        Assert.Equal(seqs[2], await Store.Events.LastSeqAsync());
    }

    [Fact]
    public async Task A_message_id_seen_before_in_the_workspace_is_skipped()
    {
        await AppendAsync(Event("dup"));
        var seqs = await AppendAsync(Event("dup"), Event("new"), Event("new"));

        Assert.Equal(0, seqs[0]);
        Assert.True(seqs[1] > 0);
        Assert.Equal(0, seqs[2]);
        Assert.Equal(2, (await Store.Events.ReadAfterAsync(0, 10)).Count);
    }

    [Fact]
    public async Task The_same_message_id_in_another_workspace_is_a_different_event()
    {
        var seqs = await AppendAsync(Event("same", workspace: 1), Event("same", workspace: 2));

        Assert.All(seqs, s => Assert.True(s > 0));
    }

    [Fact]
    public async Task Reading_after_a_position_pages_through_the_log_in_order()
    {
        await AppendAsync(Enumerable.Range(0, 25).Select(i => Event($"p{i}")).ToArray());

        var first = await Store.Events.ReadAfterAsync(0, 10);
        var second = await Store.Events.ReadAfterAsync(first[^1].Seq, 10);
        var rest = await Store.Events.ReadAfterAsync(second[^1].Seq, 100);

        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"p{i}"), first.Concat(second).Concat(rest).Select(e => e.MessageId));
        Assert.Empty(await Store.Events.ReadAfterAsync(rest[^1].Seq, 10));
    }

    [Fact]
    public async Task Reading_back_from_a_position_pages_through_one_workspace_newest_first()
    {
        await AppendAsync(Enumerable.Range(0, 25).Select(i => Event($"b{i}", workspace: i % 5 == 0 ? 2 : 1)).ToArray());

        var first = await Store.Events.LatestBeforeAsync(1, long.MaxValue, 8);
        var second = await Store.Events.LatestBeforeAsync(1, first[^1].Seq, 8);
        var rest = await Store.Events.LatestBeforeAsync(1, second[^1].Seq, 100);

        var expected = Enumerable.Range(0, 25).Where(i => i % 5 != 0).Reverse().Select(i => $"b{i}");
        Assert.Equal(expected, first.Concat(second).Concat(rest).Select(e => e.MessageId));
        Assert.Equal(4, rest.Count);
        Assert.Empty(await Store.Events.LatestBeforeAsync(1, rest[^1].Seq, 10));
    }

    [Fact]
    public async Task Committed_events_survive_a_restart()
    {
        await AppendAsync(Event("durable"));

        Store.Reopen();

        Assert.Equal("durable", Assert.Single(await Store.Events.ReadAfterAsync(0, 10)).MessageId);
    }

    [Fact]
    public async Task Workspaces_sources_and_keys_are_found_by_slug_and_key_hash()
    {
        var ws = await Store.Workspaces.CreateWorkspaceAsync("acme", "Acme");
        var source = await Store.Workspaces.CreateSourceAsync(ws.Id, "Website", "web", SecretKeys.Hash("wk_1"), "wk_1");
        var key = await Store.Workspaces.CreateApiKeyAsync(ws.Id, "ci", Role.Analyst, SecretKeys.Hash("ak_1"), "ak_1");

        Assert.Equal(ws, await Store.Workspaces.FindWorkspaceAsync("acme"));
        Assert.Null(await Store.Workspaces.FindWorkspaceAsync("other"));
        Assert.Equal(source, await Store.Workspaces.FindSourceByKeyHashAsync(SecretKeys.Hash("wk_1")));
        Assert.Null(await Store.Workspaces.FindSourceByKeyHashAsync(SecretKeys.Hash("wk_2")));
        Assert.Equal(key, await Store.Workspaces.FindApiKeyByHashAsync(SecretKeys.Hash("ak_1")));
        Assert.Equal([source], await Store.Workspaces.ListSourcesAsync(ws.Id));
    }

    [Fact]
    public async Task A_sources_allowed_origins_are_kept_in_order_and_only_its_own_workspace_can_change_them()
    {
        var ws = await Store.Workspaces.CreateWorkspaceAsync("shop", "Shop");
        var other = await Store.Workspaces.CreateWorkspaceAsync("other", "Other");
        var source = await Store.Workspaces.CreateSourceAsync(ws.Id, "Website", "website", SecretKeys.Hash("wk_o"), "wk_o");
        Assert.Empty(source.AllowedOrigins);

        var updated = await Store.Workspaces.SetAllowedOriginsAsync(ws.Id, source.Id, ["https://shop.example.com", "http://localhost:3000"]);

        Assert.Equal(["https://shop.example.com", "http://localhost:3000"], updated!.AllowedOrigins);
        Assert.Equal(updated, await Store.Workspaces.FindSourceByKeyHashAsync(SecretKeys.Hash("wk_o")));
        Assert.Null(await Store.Workspaces.SetAllowedOriginsAsync(other.Id, source.Id, []));
        Assert.Equal(2, (await Store.Workspaces.ListSourcesAsync(ws.Id))[0].AllowedOrigins.Count);
        Assert.Empty((await Store.Workspaces.SetAllowedOriginsAsync(ws.Id, source.Id, []))!.AllowedOrigins);
    }

    [Fact]
    public async Task A_setting_is_replaced_and_kept_per_workspace()
    {
        await Store.Workspaces.PutSettingAsync(1, "channel-rules", "{\"v\":1}");
        await Store.Workspaces.PutSettingAsync(1, "channel-rules", "{\"v\":2}");

        Assert.Equal("{\"v\":2}", await Store.Workspaces.GetSettingAsync(1, "channel-rules"));
        Assert.Null(await Store.Workspaces.GetSettingAsync(2, "channel-rules"));
    }

    private const string Buyers = """{"version":1,"name":"Buyers","condition":{"computed":{"name":"orderCount","op":"gte","value":1}}}""";

    [Fact]
    public async Task A_segment_is_created_then_replaced_with_a_new_version_only_when_its_definition_changes()
    {
        var ws = await Store.Workspaces.CreateWorkspaceAsync("shop", "Shop");
        var created = await Store.Segments.PutSegmentAsync(ws.Id, "buyers", Buyers);
        Assert.Equal(1, created.Version);
        Assert.Equal("Buyers", created.Definition.Name);

        var same = await Store.Segments.PutSegmentAsync(ws.Id, "buyers", Buyers);
        Assert.Equal(1, same.Version);
        var changed = await Store.Segments.PutSegmentAsync(ws.Id, "buyers", Buyers.Replace("\"value\":1", "\"value\":2", StringComparison.Ordinal));
        Assert.Equal(2, changed.Version);
        Assert.Equal(created.Id, changed.Id);

        Assert.Single(await Store.Segments.ListSegmentsAsync(ws.Id));
        Assert.Empty(await Store.Segments.ListSegmentsAsync(ws.Id + 1));
        Assert.True(await Store.Segments.DeleteSegmentAsync(ws.Id, "buyers"));
        Assert.False(await Store.Segments.DeleteSegmentAsync(ws.Id, "buyers"));
        var again = await Store.Segments.PutSegmentAsync(ws.Id, "buyers", Buyers);
        Assert.NotEqual(created.Id, again.Id);
    }

    [Fact]
    public async Task Transitions_are_kept_in_id_order_filtered_by_segment_and_profile_and_survive_a_restart()
    {
        await Store.Transitions.AppendAsync(
        [
            new SegmentTransition(1, 1, 5, 10, true, T0, TransitionReason.Event),
            new SegmentTransition(2, 1, 7, 10, true, T0, TransitionReason.Event),
            new SegmentTransition(3, 1, 5, 11, true, T0.AddDays(1), TransitionReason.Recompute),
            new SegmentTransition(4, 1, 5, 10, false, T0.AddDays(1).AddHours(2), TransitionReason.Time),
            new SegmentTransition(5, 2, 9, 30, true, T0, TransitionReason.Event),
        ]);
        Store.Reopen();

        var all = await Store.Transitions.TransitionsAsync(1, 0, 100);
        Assert.Equal(new long[] { 1, 2, 3, 4 }, all.Select(t => t.Id));
        Assert.Equal(new SegmentTransition(4, 1, 5, 10, false, T0.AddDays(1).AddHours(2), TransitionReason.Time), all[3]);
        Assert.Equal(new long[] { 3, 4 }, (await Store.Transitions.TransitionsAsync(1, 2, 100)).Select(t => t.Id));
        Assert.Equal(new[] { true, false }, (await Store.Transitions.TransitionsAsync(1, 0, 100, segmentId: 5, profileId: 10)).Select(t => t.Entered));
        Assert.Equal(new long[] { 1 }, (await Store.Transitions.TransitionsAsync(1, 0, 1)).Select(t => t.Id));
        Assert.Equal(5, await Store.Transitions.LastIdAsync());
        var days = await Store.Transitions.TransitionDaysAsync(5, DateOnly.FromDateTime(T0.UtcDateTime), DateOnly.FromDateTime(T0.UtcDateTime.AddDays(3)));
        Assert.Equal([(DateOnly.FromDateTime(T0.UtcDateTime), 1L, 0L), (DateOnly.FromDateTime(T0.UtcDateTime.AddDays(1)), 1L, 1L)], days);
    }

    [Fact]
    public async Task Deleting_transitions_from_an_id_drops_that_one_and_all_later_ones()
    {
        await Store.Transitions.AppendAsync([.. Enumerable.Range(1, 6).Select(i => new SegmentTransition(i, 1, 5, i, true, T0, TransitionReason.Event))]);

        await Store.Transitions.DeleteFromAsync(4);

        Assert.Equal(new long[] { 1, 2, 3 }, (await Store.Transitions.TransitionsAsync(1, 0, 100)).Select(t => t.Id));
        Assert.Equal(3, await Store.Transitions.LastIdAsync());
    }

    [Fact]
    public void A_snapshot_is_listed_newest_first_reads_back_byte_for_byte_and_survives_a_restart()
    {
        var first = Store.Snapshots.Save(100, s => s.Write([1, 2, 3]));
        var second = Store.Snapshots.Save(250, s => s.Write(Enumerable.Range(0, 300_000).Select(i => (byte)i).ToArray()));
        Store.Reopen();

        var listed = Store.Snapshots.List();
        Assert.Equal(new long[] { 250, 100 }, listed.Select(s => s.Seq));
        Assert.Equal(300_000, listed[0].Bytes);
        using (var read = Store.Snapshots.OpenRead(listed[0]))
        {
            var copy = new MemoryStream();
            read.CopyTo(copy);
            Assert.Equal(Enumerable.Range(0, 300_000).Select(i => (byte)i), copy.ToArray());
        }

        Store.Snapshots.Delete(listed[1]);
        Assert.Equal([second.Name], Store.Snapshots.List().Select(s => s.Name));
        Assert.NotEqual(first.Name, second.Name);
    }

    [Fact]
    public void A_snapshot_whose_writing_fails_leaves_the_previous_one_as_the_latest()
    {
        Store.Snapshots.Save(10, s => s.Write([42]));

        Assert.Throws<InvalidOperationException>(() => Store.Snapshots.Save(20, s =>
        {
            s.Write(new byte[100_000]);
            throw new InvalidOperationException("crash while writing");
        }));
        Store.Reopen();

        Assert.Equal(10, Assert.Single(Store.Snapshots.List()).Seq);
    }

    private static Omnia.Core.Journeys.OutboxItem Item(string key, long profile, DateTimeOffset at) =>
        new(key, 1, profile, 7, 1, Omnia.Core.Journeys.OutboxKind.Message, at, $$"""{"key":"{{key}}"}""");

    [Fact]
    public async Task The_outbox_ignores_a_key_it_has_and_hands_out_due_items_oldest_first_until_they_are_done()
    {
        Assert.Equal(2, await Store.Outbox.AddAsync([Item("k1", 10, T0.AddMinutes(5)), Item("k2", 11, T0)]));
        Assert.Equal(1, await Store.Outbox.AddAsync([Item("k1", 10, T0.AddMinutes(5)) with { Payload = "{}" }, Item("k3", 10, T0.AddDays(1))]));
        Store.Reopen();

        Assert.Equal(["k2", "k1"], (await Store.Outbox.DueAsync(T0.AddHours(1), 10)).Select(i => i.Key));
        Assert.Equal("""{"key":"k1"}""", (await Store.Outbox.GetAsync("k1"))!.Payload);
        await Store.Outbox.UpdateAsync("k2", Omnia.Core.Journeys.OutboxStatus.Done, 1, T0, "sent");
        await Store.Outbox.UpdateAsync("k1", Omnia.Core.Journeys.OutboxStatus.Pending, 1, T0.AddHours(2), "quiet hours");
        Assert.Empty(await Store.Outbox.DueAsync(T0.AddHours(1), 10));
        Assert.Equal(["k1"], (await Store.Outbox.DueAsync(T0.AddHours(2), 10)).Select(i => i.Key));
        Assert.Equal(["k3", "k1"], (await Store.Outbox.ListAsync(1, 10, null, 10)).Select(i => i.Key));
        var done = Assert.Single(await Store.Outbox.ListAsync(1, null, Omnia.Core.Journeys.OutboxStatus.Done, 10));
        Assert.Equal(("k2", 1, "sent"), (done.Key, done.Attempts, done.Outcome));
    }
}
