using System.Text.Json;
using Omnia.Core.Audiences;
using Omnia.Core.Events;
using Omnia.Core.Identity;
using Omnia.Core.Profiles;
using Omnia.Core.Workspaces;

namespace Omnia.Storage.Tests;

/// <summary>
/// The behaviour every Omnia store must have. Each store (SQLite now, PostgreSQL later) subclasses
/// this and supplies a fresh instance.
/// </summary>
public abstract class StoreCompliance : IDisposable
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
    public async Task Projection_batch_saves_profiles_identifiers_links_and_checkpoint_together()
    {
        var seqs = await AppendAsync(Event("a"), Event("b"));
        var profile = new ProfileState { Id = 7, WorkspaceId = 1, EventCount = 2, FirstSeen = T0, LastSeen = T0 };
        profile.Traits["email"] = new TraitValue(JsonDocument.Parse("\"ann@example.com\"").RootElement, T0);
        var batch = new ProjectionBatch { Checkpoint = seqs[1], NextProfileId = 8 };
        batch.Profiles.Add(profile);
        batch.Identifiers.Add(new ProfileIdentifier(1, new Identifier(IdentifierTypes.Email, "ann@example.com"), 7));
        batch.Links.Add(new EventLink(7, seqs[0], T0));
        batch.Links.Add(new EventLink(7, seqs[1], T0));

        await Store.Profiles.SaveAsync(batch);
        Store.Reopen();

        Assert.Equal(new ProjectionCheckpoint(seqs[1], 8), await Store.Profiles.LoadCheckpointAsync());
        Assert.Equal(7, await Store.Profiles.FindAsync(1, new Identifier(IdentifierTypes.Email, "ann@example.com")));
        Assert.Null(await Store.Profiles.FindAsync(2, new Identifier(IdentifierTypes.Email, "ann@example.com")));
        var loaded = await Store.Profiles.GetAsync(1, 7);
        Assert.NotNull(loaded);
        Assert.Equal("ann@example.com", loaded.Traits["email"].Value.GetString());
        Assert.Equal(2, loaded.EventCount);
        Assert.Null(await Store.Profiles.GetAsync(2, 7));
        Assert.Equal(2, (await Store.Profiles.TimelineAsync(7, 10)).Count);
        var identifiers = new List<ProfileIdentifier>();
        await foreach (var item in Store.Profiles.LoadIdentifiersAsync())
        {
            identifiers.Add(item);
        }

        Assert.Equal([new ProfileIdentifier(1, new Identifier(IdentifierTypes.Email, "ann@example.com"), 7)], identifiers);
    }

    [Fact]
    public async Task A_merge_moves_events_and_identifiers_and_the_old_id_still_resolves()
    {
        var seqs = await AppendAsync(Event("x1", at: T0), Event("x2", at: T0.AddHours(1)), Event("x3", at: T0.AddHours(2)));
        var first = new ProjectionBatch { Checkpoint = seqs[1], NextProfileId = 3 };
        first.Profiles.Add(new ProfileState { Id = 1, WorkspaceId = 1, EventCount = 1 });
        first.Profiles.Add(new ProfileState { Id = 2, WorkspaceId = 1, EventCount = 1 });
        first.Identifiers.Add(new ProfileIdentifier(1, new Identifier(IdentifierTypes.UserId, "u1"), 1));
        first.Identifiers.Add(new ProfileIdentifier(1, new Identifier(IdentifierTypes.AnonymousId, "anon"), 2));
        first.Links.Add(new EventLink(1, seqs[0], T0));
        first.Links.Add(new EventLink(2, seqs[1], T0.AddHours(1)));
        await Store.Profiles.SaveAsync(first);

        var second = new ProjectionBatch { Checkpoint = seqs[2], NextProfileId = 3 };
        second.Profiles.Add(new ProfileState { Id = 1, WorkspaceId = 1, EventCount = 3 });
        second.Links.Add(new EventLink(2, seqs[2], T0.AddHours(2)));
        second.Merges.Add(new MergeRecord(1, 2, 1, seqs[2], T0.AddHours(2), [new Identifier(IdentifierTypes.AnonymousId, "anon")]));
        await Store.Profiles.SaveAsync(second);

        Assert.Equal(1, await Store.Profiles.FindAsync(1, new Identifier(IdentifierTypes.AnonymousId, "anon")));
        Assert.Equal(1, (await Store.Profiles.GetAsync(1, 2))!.Id);
        Assert.Equal(seqs.Reverse(), (await Store.Profiles.TimelineAsync(1, 10)).Select(e => e.Seq));
        Assert.Equal(seqs.Reverse(), (await Store.Profiles.TimelineAsync(2, 10)).Select(e => e.Seq));
        var merge = Assert.Single(await Store.Profiles.MergesIntoAsync(1));
        Assert.Equal((2L, 1L), (merge.From, merge.Into));
        Assert.Equal(new Identifier(IdentifierTypes.AnonymousId, "anon"), Assert.Single(merge.Moved));
        Assert.Equal(1, await Store.Profiles.CountAsync(1));
    }

    [Fact]
    public async Task Timeline_is_newest_first_by_event_time_and_pages_with_before()
    {
        var seqs = await AppendAsync(Event("late", at: T0.AddDays(2)), Event("early", at: T0), Event("middle", at: T0.AddDays(1)));
        var batch = new ProjectionBatch { Checkpoint = seqs[2], NextProfileId = 2 };
        batch.Profiles.Add(new ProfileState { Id = 1, WorkspaceId = 1 });
        batch.Links.Add(new EventLink(1, seqs[0], T0.AddDays(2)));
        batch.Links.Add(new EventLink(1, seqs[1], T0));
        batch.Links.Add(new EventLink(1, seqs[2], T0.AddDays(1)));

        await Store.Profiles.SaveAsync(batch);

        var page1 = await Store.Profiles.TimelineAsync(1, 2);
        var page2 = await Store.Profiles.TimelineAsync(1, 2, page1[^1].Seq);
        Assert.Equal(["late", "middle"], page1.Select(e => e.MessageId));
        Assert.Equal(["early"], page2.Select(e => e.MessageId));
    }

    [Fact]
    public async Task Search_finds_profiles_by_identifier_prefix_and_by_trait_value()
    {
        var ann = new ProfileState { Id = 1, WorkspaceId = 1, LastSeen = T0 };
        ann.Traits["name"] = new TraitValue(JsonDocument.Parse("\"Ann Lee\"").RootElement, T0);
        var bob = new ProfileState { Id = 2, WorkspaceId = 1, LastSeen = T0 };
        bob.Traits["city"] = new TraitValue(JsonDocument.Parse("\"Leeds\"").RootElement, T0);
        var batch = new ProjectionBatch { Checkpoint = 0, NextProfileId = 3 };
        batch.Profiles.AddRange([ann, bob]);
        batch.Identifiers.Add(new ProfileIdentifier(1, new Identifier(IdentifierTypes.Email, "ann@example.com"), 1));
        batch.Identifiers.Add(new ProfileIdentifier(1, new Identifier(IdentifierTypes.Email, "bob@example.com"), 2));
        await Store.Profiles.SaveAsync(batch);

        Assert.Equal([1L], (await Store.Profiles.SearchAsync(1, "ann@", null, 10)).Select(p => p.Id));
        Assert.Equal([1L, 2L], (await Store.Profiles.SearchAsync(1, "Lee", null, 10)).Select(p => p.Id).Order());
        Assert.Equal([2L], (await Store.Profiles.SearchAsync(1, "Lee", "city", 10)).Select(p => p.Id));
        Assert.Empty(await Store.Profiles.SearchAsync(2, "ann@", null, 10));
        Assert.Empty(await Store.Profiles.SearchAsync(1, "100%", null, 10));
    }

    [Fact]
    public async Task Reset_clears_derived_state_but_not_the_log()
    {
        var seqs = await AppendAsync(Event("keep"));
        var batch = new ProjectionBatch { Checkpoint = seqs[0], NextProfileId = 2 };
        batch.Profiles.Add(new ProfileState { Id = 1, WorkspaceId = 1 });
        batch.Links.Add(new EventLink(1, seqs[0], T0));
        await Store.Profiles.SaveAsync(batch);

        await Store.Profiles.ResetAsync();

        Assert.Equal(new ProjectionCheckpoint(0, 1), await Store.Profiles.LoadCheckpointAsync());
        Assert.Equal(0, await Store.Profiles.CountAsync(1));
        Assert.Single(await Store.Events.ReadAfterAsync(0, 10));
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
    public async Task Membership_changes_record_transitions_and_timers_come_due_in_order()
    {
        var batch = new AudienceBatch();
        batch.Profiles.Add((1, 10, new ProfileAudience([5, 7], T0.AddHours(2))));
        batch.Profiles.Add((1, 11, new ProfileAudience([5], T0.AddHours(1))));
        batch.Profiles.Add((1, 12, new ProfileAudience([], null)));
        batch.Transitions.Add(new SegmentTransition(0, 1, 5, 10, true, T0, TransitionReason.Event));
        batch.Transitions.Add(new SegmentTransition(0, 1, 7, 10, true, T0, TransitionReason.Event));
        batch.Transitions.Add(new SegmentTransition(0, 1, 5, 11, true, T0, TransitionReason.Event));
        await Store.Audiences.SaveAsync(batch);

        Assert.Equal(new long[] { 5, 7 }, (await Store.Audiences.GetAsync([10]))[10].Segments);
        Assert.Equal(new long[] { 10, 11 }, await Store.Audiences.MembersAsync(5, 0, 10));
        Assert.Equal(new long[] { 11 }, await Store.Audiences.MembersAsync(5, 10, 10));
        Assert.Equal(2, (await Store.Audiences.SizesAsync(1))[5]);
        Assert.Equal(T0.AddHours(1), await Store.Audiences.NextTimerAsync());
        Assert.Empty(await Store.Audiences.PendingAsync(T0.AddMinutes(59), 10));
        var due = await Store.Audiences.PendingAsync(T0.AddHours(3), 10);
        Assert.Equal(new long[] { 11, 10 }, due.Select(w => w.ProfileId));
        Assert.All(due, w => Assert.Null(w.DirtyMark));

        var exit = new AudienceBatch();
        exit.Profiles.Add((1, 10, new ProfileAudience([7], null)));
        exit.Transitions.Add(new SegmentTransition(0, 1, 5, 10, false, T0.AddHours(2), TransitionReason.Time));
        exit.Removed.Add(11);
        exit.Transitions.Add(new SegmentTransition(0, 1, 5, 11, false, T0.AddHours(2), TransitionReason.Merge));
        await Store.Audiences.SaveAsync(exit);

        Assert.Empty(await Store.Audiences.MembersAsync(5, 0, 10));
        Assert.Empty(await Store.Audiences.PendingAsync(T0.AddDays(30), 10));
        var transitions = await Store.Audiences.TransitionsAsync(1, 0, 100);
        Assert.Equal(5, transitions.Count);
        Assert.True(transitions.Zip(transitions.Skip(1)).All(p => p.First.Id < p.Second.Id));
        Assert.Equal(TransitionReason.Time, transitions[3].Reason);
        Assert.False(transitions[3].Entered);
        Assert.Equal(new[] { true, false }, (await Store.Audiences.TransitionsAsync(1, 0, 100, segmentId: 5, profileId: 10)).Select(t => t.Entered));
        Assert.Empty(await Store.Audiences.TransitionsAsync(2, 0, 100));
    }

    [Fact]
    public async Task A_profile_changed_again_while_its_audiences_were_decided_stays_queued()
    {
        await AppendAsync(Event("m1"));
        var first = new ProjectionBatch { Checkpoint = 1, NextProfileId = 2 };
        first.Profiles.Add(new ProfileState { Id = 1, WorkspaceId = 1, EventCount = 1 });
        await Store.Profiles.SaveAsync(first);
        var pending = Assert.Single(await Store.Audiences.PendingAsync(T0, 10));
        Assert.Equal((1L, 1L), (pending.ProfileId, pending.DirtyMark!.Value));

        // The profile processor marks it again before the audience processor saves what it decided.
        var second = new ProjectionBatch { Checkpoint = 2, NextProfileId = 2 };
        second.Profiles.Add(new ProfileState { Id = 1, WorkspaceId = 1, EventCount = 2 });
        await Store.Profiles.SaveAsync(second);
        var decided = new AudienceBatch();
        decided.Profiles.Add((1, 1, new ProfileAudience([], null)));
        decided.Consumed.Add((1, 1));
        await Store.Audiences.SaveAsync(decided);

        Assert.Equal(2L, Assert.Single(await Store.Audiences.PendingAsync(T0, 10)).DirtyMark);
        var again = new AudienceBatch();
        again.Consumed.Add((1, 2));
        await Store.Audiences.SaveAsync(again);
        Assert.Empty(await Store.Audiences.PendingAsync(T0, 10));
    }

    [Fact]
    public async Task Recompute_progress_is_kept_per_workspace_and_survives_a_restart()
    {
        Assert.Null(await Store.Audiences.RecomputeProgressAsync(1));
        await Store.Audiences.SaveAsync(new AudienceBatch { Recompute = new RecomputeProgress(1, "abc", 500, Done: false) });
        Store.Reopen();
        Assert.Equal(new RecomputeProgress(1, "abc", 500, false), await Store.Audiences.RecomputeProgressAsync(1));
        Assert.Null(await Store.Audiences.RecomputeProgressAsync(2));
    }

    [Fact]
    public async Task Links_after_a_position_are_read_per_profile_with_their_names_and_events_by_position()
    {
        var seqs = await AppendAsync(Event("a1", name: "Product Viewed"), Event("a2", name: "Order Completed"), Event("b1", userId: "u2", name: "Product Viewed"));
        var batch = new ProjectionBatch { Checkpoint = seqs[2], NextProfileId = 3 };
        batch.Links.Add(new EventLink(1, seqs[0], T0, "Product Viewed"));
        batch.Links.Add(new EventLink(1, seqs[1], T0.AddMinutes(1), "Order Completed"));
        batch.Links.Add(new EventLink(2, seqs[2], T0, "Product Viewed"));
        await Store.Profiles.SaveAsync(batch);

        var links = await Store.Profiles.LinksAfterAsync([(1L, seqs[0]), (2L, 0L)]);
        Assert.Equal(new[] { (1L, seqs[1], "Order Completed"), (2L, seqs[2], "Product Viewed") }, links.Select(l => (l.ProfileId, l.Seq, l.Name!)));
        Assert.Equal(T0.AddMinutes(1), links[0].Timestamp);

        var events = await Store.Profiles.ReadEventsAsync([seqs[2], seqs[0], 999]);
        Assert.Equal(new[] { "b1", "a1" }, events.Select(e => e.MessageId));
    }

    [Fact]
    public async Task The_audience_event_cache_reads_only_new_events_and_reloads_a_profile_that_gained_older_ones_in_a_merge()
    {
        var seqs = await AppendAsync(
            Event("p1", userId: "u1", at: T0.AddHours(2), name: "Product Viewed"), Event("q1", userId: "u2", at: T0, name: "Product Viewed"),
            Event("p2", userId: "u1", at: T0.AddHours(3), name: "Page"), Event("p3", userId: "u1", at: T0.AddHours(1), name: "Product Viewed"));
        var first = new ProjectionBatch { Checkpoint = seqs[1], NextProfileId = 3 };
        first.Profiles.Add(new ProfileState { Id = 1, WorkspaceId = 1, EventCount = 1 });
        first.Profiles.Add(new ProfileState { Id = 2, WorkspaceId = 1, EventCount = 1 });
        first.Links.Add(new EventLink(1, seqs[0], T0.AddHours(2), "Product Viewed"));
        first.Links.Add(new EventLink(2, seqs[1], T0, "Product Viewed"));
        await Store.Profiles.SaveAsync(first);
        var cache = new ProfileEventCache(Store.Profiles);
        Assert.Single((await cache.LoadAsync([1], ["Product Viewed"]))[1].Events);

        // A late event (earlier timestamp) and an unnamed one arrive; then profile 2 (with an older event) merges in.
        var second = new ProjectionBatch { Checkpoint = seqs[3], NextProfileId = 3 };
        second.Profiles.Add(new ProfileState { Id = 1, WorkspaceId = 1, EventCount = 3 });
        second.Links.Add(new EventLink(1, seqs[2], T0.AddHours(3), "Page"));
        second.Links.Add(new EventLink(1, seqs[3], T0.AddHours(1), "Product Viewed"));
        await Store.Profiles.SaveAsync(second);
        var late = (await cache.LoadAsync([1], ["Product Viewed"]))[1].Events;
        Assert.Equal(new[] { T0.AddHours(1), T0.AddHours(2) }, late.Select(e => e.Timestamp));

        var merge = new ProjectionBatch { Checkpoint = seqs[3], NextProfileId = 3 };
        merge.Profiles.Add(new ProfileState { Id = 1, WorkspaceId = 1, EventCount = 4 });
        merge.Merges.Add(new MergeRecord(1, 2, 1, seqs[3], T0.AddHours(4), []));
        await Store.Profiles.SaveAsync(merge);
        var merged = (await cache.LoadAsync([1, 2], ["Product Viewed"]));
        Assert.Equal(new[] { T0, T0.AddHours(1), T0.AddHours(2) }, merged[1].Events.Select(e => e.Timestamp));
        Assert.False(merged.ContainsKey(2));
    }
}
