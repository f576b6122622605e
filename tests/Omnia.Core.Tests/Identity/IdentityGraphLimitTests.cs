using Omnia.Core.Identity;

namespace Omnia.Core.Tests.Identity;

/// <summary>Limits, the per-profile cap and state restored at start-up.</summary>
public class IdentityGraphLimitTests
{
    private readonly IdentityGraph _graph = new();
    private long _lastProfileId;

    private static Identifier User(string v) => new("user_id", v);
    private static Identifier Anon(string v) => new("anonymous_id", v);
    private static Identifier Email(string v) => new("email", v);

    private IdentityResolution Resolve(IdentityRules rules, params Identifier[] ids) => _graph.Resolve(ids, rules, () => ++_lastProfileId);

    private IdentityResolution Resolve(params Identifier[] ids) => Resolve(IdentityRules.Default, ids);

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
}
