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
    public void A_merge_that_would_give_a_profile_two_user_ids_is_not_made()
    {
        Resolve(User("a"), Email("a@example.com"));
        Resolve(User("b"), Anon("x"));

        var result = Resolve(Email("a@example.com"), Anon("x"));

        Assert.Equal(1, result.ProfileId);
        Assert.Empty(result.Merges);
        Assert.Equal([Anon("x")], result.Dropped);
        Assert.Equal(2, _graph.Find(Anon("x")));
    }

    [Fact]
    public void Identifiers_beyond_a_type_limit_are_dropped_lowest_priority_first()
    {
        var rules = IdentityRules.Default with { Rules = [new("user_id", 1, 1), new("email", 2, 2), new("anonymous_id", 6, 50)] };
        Resolve(rules, User("u"), Email("1@example.com"), Email("2@example.com"));

        var result = Resolve(rules, User("u"), Email("3@example.com"), Anon("x"));

        Assert.Equal(1, result.ProfileId);
        Assert.Equal([Anon("x"), Email("3@example.com")], result.Dropped);
        Assert.Null(_graph.Find(Email("3@example.com")));
        Assert.Equal(3, _graph.IdentifiersOf(1).Count);
    }

    [Fact]
    public void Too_many_identifiers_of_one_type_in_a_single_event_keep_the_first()
    {
        var rules = IdentityRules.Default with { Rules = [new("email", 2, 1)] };

        var result = Resolve(rules, Email("a@example.com"), Email("b@example.com"));

        Assert.Equal([Email("a@example.com")], _graph.IdentifiersOf(result.ProfileId!.Value));
        Assert.Equal([Email("b@example.com")], result.Dropped);
    }

    [Fact]
    public void The_per_profile_cap_stops_a_profile_from_collecting_identifiers()
    {
        var rules = IdentityRules.Default with { MaxIdentifiersPerProfile = 3 };
        Resolve(rules, User("u"), Anon("a1"), Anon("a2"));

        var fourth = Resolve(rules, User("u"), Anon("a3"));
        var alone = Resolve(rules, Anon("a3"));

        Assert.Equal(1, fourth.ProfileId);
        Assert.Equal([Anon("a3")], fourth.Dropped);
        Assert.Equal(3, _graph.IdentifiersOf(1).Count);
        Assert.Equal(2, alone.ProfileId);
        Assert.True(alone.Created);
    }

    [Fact]
    public void A_profile_restored_over_a_tightened_limit_still_accepts_other_types_but_not_more_of_that_type()
    {
        _graph.Restore(7, User("old-1"));
        _graph.Restore(7, User("old-2"));

        var email = Resolve(User("old-1"), Email("e@example.com"));
        var third = Resolve(User("old-2"), User("new"));

        Assert.Equal(7, email.ProfileId);
        Assert.Equal([Email("e@example.com")], email.Added);
        Assert.Equal(7, third.ProfileId);
        Assert.Equal([User("new")], third.Dropped);
        Assert.Null(_graph.Find(User("new")));
    }

    [Fact]
    public void Restored_state_is_found_and_extended()
    {
        _graph.Restore(41, User("u"));
        _graph.Restore(41, Anon("x"));
        _graph.Restore(41, Anon("x"));
        _lastProfileId = 41;

        var result = Resolve(Anon("x"), Email("u@example.com"));

        Assert.Equal(41, result.ProfileId);
        Assert.Equal([User("u"), Anon("x"), Email("u@example.com")], _graph.IdentifiersOf(41));
        Assert.Equal(3, _graph.IdentifierCount);
    }

    [Fact]
    public void Restoring_an_identifier_into_a_second_profile_is_refused()
    {
        _graph.Restore(1, User("u"));

        var error = Assert.Throws<InvalidOperationException>(() => _graph.Restore(2, User("u")));

        Assert.Contains("user_id:u", error.Message);
        Assert.Equal(1, _graph.Find(User("u")));
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
