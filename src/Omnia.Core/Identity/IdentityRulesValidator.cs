namespace Omnia.Core.Identity;

/// <summary>Checks <see cref="IdentityRules"/> that came from a person (admin API, configuration file).</summary>
internal static class IdentityRulesValidator
{
    private static readonly string[] BuiltInTypes =
    [
        IdentifierTypes.UserId, IdentifierTypes.AnonymousId, IdentifierTypes.Email, IdentifierTypes.Phone,
        IdentifierTypes.DeviceId,
    ];

    public static IReadOnlyList<string> Validate(IdentityRules rules)
    {
        var errors = new List<string>();
        ValidateRules(rules.Rules, errors);
        if (rules.MaxIdentifiersPerProfile < 1)
            errors.Add("maxIdentifiersPerProfile must be at least 1.");
        ValidateExternalIdTraits(rules.ExternalIdTraits, errors);
        if (string.IsNullOrWhiteSpace(rules.DefaultPhoneRegion))
            errors.Add("defaultPhoneRegion must not be empty.");
        else if (!PhoneNumbers.Regions.ContainsKey(rules.DefaultPhoneRegion))
            errors.Add($"defaultPhoneRegion '{rules.DefaultPhoneRegion}' is not a known region; known regions: "
                + string.Join(", ", PhoneNumbers.Regions.Keys.Order(StringComparer.Ordinal)) + ".");
        if (rules.BlockedValues is null)
            errors.Add("blockedValues must be a list.");
        else
        {
            for (var i = 0; i < rules.BlockedValues.Count; i++)
            {
                if (string.IsNullOrWhiteSpace(rules.BlockedValues[i]))
                    errors.Add($"blockedValues[{i}] must not be empty.");
            }
        }
        return errors;
    }

    private static void ValidateRules(IReadOnlyList<IdentifierRule>? rules, List<string> errors)
    {
        if (rules is null)
        {
            errors.Add("rules must be a list.");
            return;
        }
        var firstIndexOfType = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            if (rule is null)
            {
                errors.Add($"rules[{i}] must not be null.");
                continue;
            }
            if (string.IsNullOrWhiteSpace(rule.Type))
                errors.Add($"rules[{i}].type must not be empty.");
            else if (IdentifierNormalizer.NormalizeType(rule.Type) is var canonical && canonical != rule.Type)
                errors.Add($"rules[{i}].type '{rule.Type}' must be lower case without spaces ('{canonical}').");
            else if (firstIndexOfType.TryGetValue(rule.Type, out var first))
                errors.Add($"rules[{i}].type '{rule.Type}' is already defined by rules[{first}].");
            else
                firstIndexOfType.Add(rule.Type, i);
            if (rule.Priority < 1)
                errors.Add($"rules[{i}].priority must be at least 1.");
            if (rule.Limit < 1)
                errors.Add($"rules[{i}].limit must be at least 1.");
        }
    }

    private static void ValidateExternalIdTraits(IReadOnlyList<string>? traits, List<string> errors)
    {
        if (traits is null)
        {
            errors.Add("externalIdTraits must be a list.");
            return;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < traits.Count; i++)
        {
            var type = IdentifierNormalizer.NormalizeType(traits[i]);
            if (type.Length == 0)
                errors.Add($"externalIdTraits[{i}] must not be empty.");
            else if (BuiltInTypes.Contains(type))
                errors.Add($"externalIdTraits[{i}] '{traits[i]}' is a built-in identifier type, not an external id.");
            else if (!seen.Add(type))
                errors.Add($"externalIdTraits[{i}] '{traits[i]}' is listed twice.");
        }
    }
}
