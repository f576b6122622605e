using System.Text.Json;

namespace Omnia.Core.Tests.Demo;

/// <summary>
/// A minimal identity resolution for checking the demo data: identifiers an event carries together
/// are joined, except when the join would put two user ids in one profile (a shared device).
/// </summary>
internal sealed class IdentityJoins
{
    private readonly Dictionary<string, string> _parent = [];
    private readonly Dictionary<string, HashSet<string>> _userIds = [];

    public static IdentityJoins Resolve(IEnumerable<JsonElement> events)
    {
        var joins = new IdentityJoins();
        foreach (var e in events)
        {
            var ids = IdentifiersOf(e).ToList();
            foreach (var id in ids)
            {
                joins.Add(id);
            }

            for (var i = 1; i < ids.Count; i++)
            {
                joins.TryJoin(ids[0], ids[i]);
            }
        }

        return joins;
    }

    public string ProfileOf(string identifier) => Find(identifier);

    public string ProfileOfEvent(JsonElement e) => Find(IdentifiersOf(e).First());

    public IReadOnlyCollection<string> UserIdsIn(string profile) => _userIds[Find(profile)];

    private static IEnumerable<string> IdentifiersOf(JsonElement e)
    {
        // User id first: it is the strongest identifier, so events join around it.
        if (e.UserId() is { } userId)
        {
            yield return "userId:" + userId;
        }

        if (e.AnonymousId() is { } anonymousId)
        {
            yield return "anonymousId:" + anonymousId;
        }

        if (e.Email() is { } email)
        {
            yield return "email:" + email;
        }
    }

    private void Add(string id)
    {
        if (_parent.TryAdd(id, id))
        {
            _userIds[id] = id.StartsWith("userId:", StringComparison.Ordinal) ? [id] : [];
        }
    }

    private void TryJoin(string a, string b)
    {
        var (rootA, rootB) = (Find(a), Find(b));
        if (rootA == rootB || (_userIds[rootA].Count > 0 && _userIds[rootB].Count > 0))
        {
            return;
        }

        _parent[rootB] = rootA;
        _userIds[rootA].UnionWith(_userIds[rootB]);
    }

    private string Find(string id)
    {
        while (_parent[id] != id)
        {
            id = _parent[id];
        }

        return id;
    }
}
