using Omnia.Core.Segments;

namespace Omnia.Core.Lifecycle;

/// <summary>One rule: a profile meeting <see cref="Condition"/> is at <see cref="Stage"/> (unless a higher rule matches).</summary>
/// <param name="Condition">A segment condition; it may not use segment, persona or lifecycleStage conditions.</param>
public sealed record LifecycleRule(LifecycleStage Stage, Condition Condition);

/// <summary>
/// How a workspace decides lifecycle stages, as data: rules from the highest stage down, the first whose
/// condition holds wins, and a profile no rule matches is at awareness once it has an event (no stage without
/// one). Stored as versioned JSON:
/// <c>{"version":1,"rules":[{"stage":"advocacy","condition":{…}},{"stage":"loyalty","condition":{…}},…]}</c>.
/// Each of advocacy, loyalty, conversion and consideration has at most one rule, listed in that order; awareness
/// is the fallback and takes none. Compares by value.
/// </summary>
public sealed record LifecycleRules(IReadOnlyList<LifecycleRule> Rules)
{
    /// <summary>The format version this code reads and writes.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The event names whose presence (ever) makes a profile an advocate under <see cref="Default"/>.</summary>
    public static IReadOnlyList<string> AdvocacyEvents { get; } = ["Product Reviewed", "Review Submitted", "Referral Sent", "Referral Completed"];

    /// <summary>
    /// The rules <see cref="Default"/> is read from. Advocacy: any of <see cref="AdvocacyEvents"/>, ever. Loyalty: 2 or
    /// more orders and the latest within the last 365 days. Conversion: at least one order. Consideration: Product
    /// Viewed twice, or Product Added, Cart Viewed or Checkout Started once, in the last 90 days; or an email trait.
    /// </summary>
    public const string DefaultJson = """
        {
          "version": 1,
          "rules": [
            { "stage": "advocacy", "condition": { "or": [
              { "event": { "name": "Product Reviewed" } },
              { "event": { "name": "Review Submitted" } },
              { "event": { "name": "Referral Sent" } },
              { "event": { "name": "Referral Completed" } } ] } },
            { "stage": "loyalty", "condition": { "and": [
              { "computed": { "name": "orderCount", "op": "gte", "value": 2 } },
              { "computed": { "name": "lastOrderAt", "op": "withinLast", "value": "365d" } } ] } },
            { "stage": "conversion", "condition": { "computed": { "name": "orderCount", "op": "gte", "value": 1 } } },
            { "stage": "consideration", "condition": { "or": [
              { "event": { "name": "Product Viewed", "count": { "op": "atLeast", "value": 2 }, "window": { "last": "90d" } } },
              { "event": { "name": "Product Added", "window": { "last": "90d" } } },
              { "event": { "name": "Cart Viewed", "window": { "last": "90d" } } },
              { "event": { "name": "Checkout Started", "window": { "last": "90d" } } },
              { "trait": { "name": "email", "op": "exists" } } ] } }
          ]
        }
        """;

    /// <summary>The rules a workspace starts with (see <see cref="DefaultJson"/>).</summary>
    public static LifecycleRules Default { get; } = Parse(DefaultJson).Rules!;

    /// <summary>Always <see cref="CurrentVersion"/>.</summary>
    public int Version => CurrentVersion;

    /// <summary>
    /// Reads and checks rules whose computed conditions use built-in traits. Never throws for bad input: the result
    /// holds either the rules or every problem found, each with its JSON path.
    /// </summary>
    public static LifecycleRulesParseResult Parse(string json) => LifecycleRulesJsonReader.Read(json, ComputedTraitCatalog.BuiltIns);

    /// <summary>Reads and checks rules whose computed conditions may also use the workspace's <paramref name="computedTraits"/>.</summary>
    public static LifecycleRulesParseResult Parse(string json, IEnumerable<ComputedTraitDefinition> computedTraits) =>
        LifecycleRulesJsonReader.Read(json, ComputedTraitCatalog.With(computedTraits));

    /// <summary>The rules as JSON, in the canonical form <see cref="Parse(string)"/> reads back to equal rules.</summary>
    public string ToJson(bool indented = false) => SegmentJsonWriter.Write(writer => LifecycleRulesJsonWriter.Write(writer, this), indented);

    /// <summary>Checks rules built in code the same way <see cref="Parse(string)"/> checks JSON; empty when valid.</summary>
    public IReadOnlyList<SegmentError> Validate() => Parse(ToJson()).Errors;

    /// <summary>Checks rules built in code against the built-in and the workspace's computed traits.</summary>
    public IReadOnlyList<SegmentError> Validate(IEnumerable<ComputedTraitDefinition> computedTraits) => Parse(ToJson(), computedTraits).Errors;

    public bool Equals(LifecycleRules? other) => other is not null && Rules.SequenceEqual(other.Rules);

    public override int GetHashCode() => ValueLists.Hash(Rules);
}
