using Omnia.Core.Identity;

namespace Omnia.Core.Tests.Identity;

public class IdentityGraphTests
{
    private readonly IdentityGraph _graph = new();
    private long _lastProfileId;

    private static Identifier User(string v) => new("user_id", v);
    private static Identifier Anon(string v) => new("anonymous_id", v);
    private static Identifier Email(string v) => new("email", v);

    private IdentityResolution Resolve(IdentityRules rules, params Identifier[] ids) => _graph.Resolve(ids, rules, () => ++_lastProfileId);

    private IdentityResolution Resolve(params Identifier[] ids) => Resolve(IdentityRules.Default, ids);

    [Fact]
    public void First_event_creates_a_profile_holding_its_identifiers()
    {
        var result = Resolve(User("a"), Anon("x"));

        Assert.Equal(1, result.ProfileId);
        Assert.True(result.Created);
        Assert.Equal([User("a"), Anon("x")], result.Added);
        Assert.Equal([User("a"), Anon("x")], _graph.IdentifiersOf(1));
        Assert.Equal(1, _graph.ProfileCount);
        Assert.Equal(2, _graph.IdentifierCount);
    }

    [Fact]
    public void An_event_without_identifiers_attaches_to_nothing()
    {
        var result = Resolve();

        Assert.Null(result.ProfileId);
        Assert.False(result.Created);
        Assert.Equal(0, _graph.ProfileCount);
        Assert.Equal(0, _lastProfileId);
    }

    [Fact]
    public void A_returning_visitor_changes_nothing_and_creates_no_profile()
    {
        Resolve(User("a"), Anon("x"));

        var result = Resolve(Anon("x"), User("a"));

        Assert.Equal(1, result.ProfileId);
        Assert.False(result.Created);
        Assert.Empty(result.Added);
        Assert.Empty(result.Merges);
        Assert.Equal(1, _lastProfileId);
    }

    [Fact]
    public void Shared_device_does_not_merge_two_known_people()
    {
        var personA = Resolve(User("a"), Anon("x"));

        var personB = Resolve(User("b"), Anon("x"));

        Assert.Equal(2, personB.ProfileId);
        Assert.True(personB.Created);
        Assert.Equal([User("b")], personB.Added);
        Assert.Equal([Anon("x")], personB.Dropped);
        Assert.Empty(personB.Merges);
        Assert.Equal(personA.ProfileId, _graph.Find(Anon("x")));
        Assert.Equal([User("a"), Anon("x")], _graph.IdentifiersOf(1));
    }

    [Fact]
    public void Shared_device_is_handled_the_same_when_the_identifiers_arrive_unsorted()
    {
        Resolve(Anon("x"), User("a"));

        var personB = Resolve(Anon("x"), User("b"));

        Assert.Equal(2, personB.ProfileId);
        Assert.Equal([Anon("x")], personB.Dropped);
    }

    [Fact]
    public void Anonymous_visits_on_two_devices_are_stitched_at_login_and_the_merge_is_recorded()
    {
        var laptop = Resolve(Anon("x"));
        var phone = Resolve(Anon("y"));

        var loginOnLaptop = Resolve(User("u"), Anon("x"));
        var loginOnPhone = Resolve(User("u"), Anon("y"));

        Assert.Equal((1L, 2L), (laptop.ProfileId, phone.ProfileId));
        Assert.Equal(1, loginOnLaptop.ProfileId);
        Assert.Equal([User("u")], loginOnLaptop.Added);
        Assert.Equal(1, loginOnPhone.ProfileId);
        var merge = Assert.Single(loginOnPhone.Merges);
        Assert.Equal((2L, 1L), (merge.From, merge.Into));
        Assert.Equal([Anon("y")], merge.Moved);
        Assert.Equal([Anon("y")], loginOnPhone.Added);
        Assert.Equal(1, _graph.Find(Anon("y")));
        Assert.False(_graph.HasProfile(2));
        Assert.Empty(_graph.IdentifiersOf(2));
        Assert.Equal([Anon("x"), User("u"), Anon("y")], _graph.IdentifiersOf(1));
        Assert.Equal(1, _graph.ProfileCount);
    }

    [Fact]
    public void Email_click_lands_on_the_profile_that_identify_attached_the_email_to()
    {
        Resolve(User("u"), Email("u@example.com"), Anon("x"));
        Resolve(Anon("other"));

        var click = Resolve(Email("u@example.com"));

        Assert.Equal(1, click.ProfileId);
        Assert.False(click.Created);
    }

    [Fact]
    public void The_survivor_owns_the_highest_priority_identifier_even_with_a_larger_id()
    {
        Resolve(Anon("x"));
        Resolve(User("u"));

        var result = Resolve(User("u"), Anon("x"));

        Assert.Equal(2, result.ProfileId);
        Assert.Equal((1L, 2L), (result.Merges[0].From, result.Merges[0].Into));
    }

    [Fact]
    public void Between_equal_priorities_the_smallest_profile_id_survives()
    {
        Resolve(Email("two@example.com"));
        Resolve(Email("one@example.com"));
        Resolve(Email("three@example.com"));

        var result = Resolve(Email("three@example.com"), Email("two@example.com"), Email("one@example.com"));

        Assert.Equal(1, result.ProfileId);
        Assert.Equal([(2L, 1L), (3L, 1L)], result.Merges.Select(m => (m.From, m.Into)));
        Assert.Equal(3, _graph.IdentifiersOf(1).Count);
    }

    [Fact]
    public void A_profile_id_generator_that_repeats_itself_is_caught()
    {
        _graph.Restore(1, User("u"));

        Assert.Throws<InvalidOperationException>(() => _graph.Resolve([User("v")], IdentityRules.Default, () => 1));
        Assert.Equal([User("u")], _graph.IdentifiersOf(1));
    }

    [Fact]
    public void Identifier_lists_handed_out_are_snapshots()
    {
        Resolve(Anon("x"));
        var before = _graph.IdentifiersOf(1);

        Resolve(User("u"), Anon("x"));

        Assert.Equal([Anon("x")], before);
        Assert.Equal(2, _graph.IdentifiersOf(1).Count);
    }

    [Fact]
    public void The_same_events_in_the_same_order_give_the_same_profiles()
    {
        static string Run()
        {
            var graph = new IdentityGraph();
            long next = 100;
            var log = new List<string>();
            Identifier[][] events =
            [
                [Anon("x")], [Anon("y")], [User("u"), Anon("x")], [Email("e@example.com"), Anon("z")],
                [User("u"), Anon("y"), Email("e@example.com")], [User("v"), Anon("x")], [Anon("z"), User("v")],
            ];
            foreach (var ids in events)
            {
                var r = graph.Resolve(ids, IdentityRules.Default, () => next++);
                log.Add($"{r.ProfileId} {r.Created} [{string.Join(",", r.Added)}] "
                    + $"[{string.Join(",", r.Merges.Select(m => $"{m.From}>{m.Into}:{string.Join("+", m.Moved)}"))}] [{string.Join(",", r.Dropped)}]");
            }
            return string.Join("\n", log);
        }

        var first = Run();

        Assert.Equal(first, Run());
        Assert.Contains("101>100", first);
    }
}
