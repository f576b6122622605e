using Omnia.Core.Identity;

namespace Omnia.Server.Profiles;

/// <summary>
/// The identifier types a workspace names in its configuration, spelled as the API spells them: the built-in ones,
/// then the external id traits and the types its identity rules list. Events may still bring other types in
/// <c>context.externalIds</c>; this list is what a lookup can suggest when a type is unknown.
/// </summary>
public static class KnownIdentifierTypes
{
    private static readonly string[] BuiltIn =
    [
        IdentifierTypeNames.ToApi(IdentifierTypes.UserId),
        IdentifierTypeNames.ToApi(IdentifierTypes.AnonymousId),
        IdentifierTypes.Email,
        IdentifierTypes.Phone,
        IdentifierTypeNames.ToApi(IdentifierTypes.DeviceId),
    ];

    public static IReadOnlyList<string> For(IdentityRules rules) =>
        BuiltIn
            .Concat(rules.ExternalIdTraits.Select(IdentifierNormalizer.NormalizeType))
            .Concat(rules.Rules.Select(r => IdentifierTypeNames.ToApi(r.Type)))
            .Where(t => t.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>True when <paramref name="storageType"/> (as <see cref="IdentifierTypeNames.FromApi"/> gives it) is in <see cref="For"/>.</summary>
    public static bool Contains(IdentityRules rules, string storageType) =>
        For(rules).Contains(IdentifierTypeNames.ToApi(storageType), StringComparer.Ordinal);

    /// <summary>What to tell someone who looked up a type that is not in <see cref="For"/> and matched nobody.</summary>
    public static string UnknownTypeMessage(string type, IdentityRules rules) =>
        $"'{type}' is not an identifier type of this workspace. Use one of {string.Join(", ", For(rules))}, " +
        "or an external id type that your events send in context.externalIds.";
}
