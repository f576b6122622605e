using System.Collections.Frozen;

namespace Omnia.Core.Identity;

/// <summary>
/// A workspace's identity resolution settings: a rule (priority and limit) per identifier type, a cap on
/// identifiers per profile, trait names that carry external ids, the region assumed for national phone
/// numbers, and extra values to treat as junk. Serialises with <see cref="System.Text.Json.JsonSerializerDefaults.Web"/>;
/// call <see cref="Validate"/> on anything a person supplied. Lists are treated as immutable.
/// </summary>
public sealed record IdentityRules
{
    /// <summary>Priority of a type with no rule of its own (external ids such as <c>crm_id</c>).</summary>
    public const int UnlistedPriority = 4;

    /// <summary>Limit of a type with no rule of its own.</summary>
    public const int UnlistedLimit = 1;

    private static readonly IReadOnlyList<IdentifierRule> DefaultRules =
    [
        new(IdentifierTypes.UserId, 1, 1),
        new(IdentifierTypes.Email, 2, 5),
        new(IdentifierTypes.Phone, 3, 5),
        new(IdentifierTypes.DeviceId, 5, 20),
        new(IdentifierTypes.AnonymousId, 6, 50),
    ];

    private IReadOnlyList<string> _blockedValues = [];
    private FrozenSet<string>? _blockedSet;

    /// <summary>The defaults: user_id 1/1, email 2/5, phone 3/5, other types 4/1, device_id 5/20, anonymous_id 6/50.</summary>
    public static IdentityRules Default { get; } = new();

    /// <summary>Rules per type; a type not listed gets <see cref="UnlistedPriority"/> and <see cref="UnlistedLimit"/>.</summary>
    public IReadOnlyList<IdentifierRule> Rules { get; init; } = DefaultRules;

    /// <summary>The most identifiers, of all types together, one profile may hold.</summary>
    public int MaxIdentifiersPerProfile { get; init; } = 100;

    /// <summary>Trait names whose values are identifiers; the type is the trait name in canonical form.</summary>
    public IReadOnlyList<string> ExternalIdTraits { get; init; } = [];

    /// <summary>ISO 3166 region whose calling code national phone numbers get.</summary>
    public string DefaultPhoneRegion { get; init; } = "US";

    /// <summary>Values blocked in addition to the built-in junk list (case-insensitive).</summary>
    public IReadOnlyList<string> BlockedValues
    {
        get => _blockedValues;
        init
        {
            _blockedValues = value;
            _blockedSet = null; // `with` copies fields first, so a replaced list must drop the cached set
        }
    }

    internal IReadOnlySet<string> BlockedSet =>
        _blockedSet ??= (_blockedValues ?? []).Where(v => v is not null).Select(v => v.Trim())
            .ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>The rule for <paramref name="type"/>, or the unlisted-type rule when none is configured.</summary>
    public IdentifierRule RuleFor(string type) => Listed(type) ?? new IdentifierRule(type, UnlistedPriority, UnlistedLimit);

    internal int PriorityOf(string type) => Listed(type)?.Priority ?? UnlistedPriority;

    internal int LimitOf(string type) => Listed(type)?.Limit ?? UnlistedLimit;

    private IdentifierRule? Listed(string type)
    {
        var rules = Rules;
        for (int i = 0; i < rules.Count; i++)
        {
            if (string.Equals(rules[i].Type, type, StringComparison.Ordinal))
                return rules[i];
        }
        return null;
    }

    /// <summary>Errors a person can act on, using the JSON (camelCase) names; empty when the rules are usable.</summary>
    public IReadOnlyList<string> Validate() => IdentityRulesValidator.Validate(this);

    /// <summary>Equal when every setting and every list element is equal.</summary>
    public bool Equals(IdentityRules? other) =>
        other is not null
        && MaxIdentifiersPerProfile == other.MaxIdentifiersPerProfile
        && string.Equals(DefaultPhoneRegion, other.DefaultPhoneRegion, StringComparison.Ordinal)
        && SameItems(Rules, other.Rules)
        && SameItems(ExternalIdTraits, other.ExternalIdTraits)
        && SameItems(BlockedValues, other.BlockedValues);

    /// <inheritdoc />
    public override int GetHashCode() =>
        HashCode.Combine(MaxIdentifiersPerProfile, DefaultPhoneRegion, Rules?.Count, ExternalIdTraits?.Count, BlockedValues?.Count);

    private static bool SameItems<T>(IReadOnlyList<T>? a, IReadOnlyList<T>? b) =>
        ReferenceEquals(a, b) || (a is not null && b is not null && a.SequenceEqual(b));
}
