using System.Text.Json;

namespace Omnia.Core.Identity;

/// <summary>
/// Collects the identifiers an event carries (Segment spec): <c>userId</c>, <c>anonymousId</c>, the
/// <c>email</c> and <c>phone</c> traits, <c>context.device.id</c>, <c>context.externalIds</c>, and the
/// traits configured in <see cref="IdentityRules.ExternalIdTraits"/>. Values are normalised, junk is
/// dropped, duplicates removed, and the result is sorted by rule priority, then type, then value.
/// </summary>
public static class IdentifierExtractor
{
    /// <summary>Longest identifier type accepted from event data (<c>context.externalIds[].type</c>).</summary>
    public const int MaxTypeLength = 64;

    /// <summary>
    /// The identifiers of one event. <paramref name="traits"/> are the identify call's traits;
    /// <paramref name="context"/> is the event context, whose <c>traits</c> are used for each trait the
    /// call's own traits lack (or hold only junk for).
    /// </summary>
    public static IReadOnlyList<Identifier> Extract(
        string? userId, string? anonymousId, JsonElement? traits, JsonElement? context, IdentityRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var found = new List<Identifier>(6);
        var contextTraits = Property(context, "traits");

        Add(found, rules, IdentifierTypes.UserId, userId);
        Add(found, rules, IdentifierTypes.AnonymousId, anonymousId);
        AddTrait(found, rules, IdentifierTypes.Email, "email", traits, contextTraits, numbersAllowed: false);
        AddTrait(found, rules, IdentifierTypes.Phone, "phone", traits, contextTraits, numbersAllowed: false);
        Add(found, rules, IdentifierTypes.DeviceId, Text(Property(Property(context, "device"), "id"), numbersAllowed: false));

        if (Property(context, "externalIds") is { ValueKind: JsonValueKind.Array } externalIds)
        {
            foreach (var external in externalIds.EnumerateArray())
            {
                var type = IdentifierNormalizer.NormalizeType(Text(Property(external, "type"), numbersAllowed: false));
                Add(found, rules, type, Text(Property(external, "id"), numbersAllowed: true));
            }
        }
        var externalTraits = rules.ExternalIdTraits;
        for (int i = 0; i < externalTraits.Count; i++)
        {
            var trait = externalTraits[i];
            var type = IdentifierNormalizer.NormalizeType(trait);
            AddTrait(found, rules, type, trait, traits, contextTraits, numbersAllowed: true);
        }

        // Insertion sort: a handful of identifiers, and no comparison delegate to allocate for every event.
        for (int i = 1; i < found.Count; i++)
        {
            var item = found[i];
            int j = i - 1;
            while (j >= 0 && Compare(rules, found[j], item) > 0)
            {
                found[j + 1] = found[j];
                j--;
            }

            found[j + 1] = item;
        }

        return found;
    }

    private static int Compare(IdentityRules rules, Identifier a, Identifier b)
    {
        var byPriority = rules.PriorityOf(a.Type).CompareTo(rules.PriorityOf(b.Type));
        if (byPriority != 0)
            return byPriority;
        var byType = string.CompareOrdinal(a.Type, b.Type);
        return byType != 0 ? byType : string.CompareOrdinal(a.Value, b.Value);
    }

    private static void AddTrait(
        List<Identifier> found, IdentityRules rules, string type, string trait,
        JsonElement? traits, JsonElement? contextTraits, bool numbersAllowed)
    {
        if (!Add(found, rules, type, Text(Property(traits, trait), numbersAllowed)))
            Add(found, rules, type, Text(Property(contextTraits, trait), numbersAllowed));
    }

    /// <summary>Adds the normalised identifier; false when the value was missing or rejected.</summary>
    private static bool Add(List<Identifier> found, IdentityRules rules, string type, string? raw)
    {
        if (raw is null || type.Length is 0 or > MaxTypeLength)
            return false;
        var value = IdentifierNormalizer.Normalize(type, raw, rules.DefaultPhoneRegion, rules.BlockedSet);
        if (value is null)
            return false;
        var identifier = new Identifier(type, value);
        if (!found.Contains(identifier))
            found.Add(identifier);
        return true;
    }

    private static JsonElement? Property(JsonElement? element, string name) =>
        element is { ValueKind: JsonValueKind.Object } obj && obj.TryGetProperty(name, out var value) ? value : null;

    private static string? Text(JsonElement? element, bool numbersAllowed) => element?.ValueKind switch
    {
        JsonValueKind.String => element.Value.GetString(),
        JsonValueKind.Number when numbersAllowed => element.Value.GetRawText(),
        _ => null,
    };
}
