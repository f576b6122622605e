namespace Omnia.Core.Touchpoints;

/// <summary>
/// Whole numbers for campaign names, so that each of millions of events in memory carries its campaign in four
/// bytes. Shared by the process and append-only; safe to read from any thread. Id 0 is "no campaign".
/// </summary>
public static class CampaignIds
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, int> Ids = new(StringComparer.Ordinal);
    private static volatile string?[] _names = new string?[16];
    private static int _count = 1;

    /// <summary>The id of a campaign name, given one the first time it is seen.</summary>
    public static int Of(string? campaign)
    {
        if (campaign is null)
            return 0;
        lock (Gate)
        {
            if (Ids.TryGetValue(campaign, out var id))
                return id;
            id = _count++;
            if (id == _names.Length)
            {
                var grown = new string?[_names.Length * 2];
                Array.Copy(_names, grown, _names.Length);
                _names = grown;
            }

            var interned = string.Intern(campaign);
            _names[id] = interned;
            Ids.Add(interned, id);
            return id;
        }
    }

    /// <summary>The campaign name of an id (null for 0 or an id not handed out).</summary>
    public static string? Name(int id)
    {
        var names = _names;
        return (uint)id < (uint)names.Length ? names[id] : null;
    }
}
