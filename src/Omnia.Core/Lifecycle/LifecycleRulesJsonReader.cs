using System.Text.Json;
using Omnia.Core.Segments;

namespace Omnia.Core.Lifecycle;

/// <summary>
/// Reads lifecycle rules, collecting every problem with its JSON path; conditions are read by the segment
/// definition reader, which refuses the kinds a stage may not depend on.
/// </summary>
internal static class LifecycleRulesJsonReader
{
    private static readonly string[] RootKeys = ["version", "rules"];
    private static readonly string[] RuleKeys = ["stage", "condition"];
    private static readonly string[] ForbiddenKinds = ["segment", "persona", "lifecycleStage"];

    private const string ForbiddenReason =
        "cannot decide a lifecycle stage: a stage comes from the profile and its events alone (segments and personas may themselves use stages); segment, persona and lifecycleStage are not allowed here";

    private static readonly string RuleStages = SegmentWords.OneOf(LifecycleStages.Names.Skip(1).Reverse());

    public static LifecycleRulesParseResult Read(string json, ComputedTraitCatalog computed)
    {
        if (!SegmentJsonReader.TryParseDocument(json, out var document, out var notJson))
            return new LifecycleRulesParseResult(null, [notJson]);
        using (document)
        {
            var reader = new SegmentJsonReader(computed, ForbiddenKinds, ForbiddenReason);
            var rules = ReadRules(reader, document.RootElement);
            return reader.Errors.Count == 0 && rules is not null
                ? new LifecycleRulesParseResult(rules, [])
                : new LifecycleRulesParseResult(null, reader.Errors);
        }
    }

    private static LifecycleRules? ReadRules(SegmentJsonReader reader, JsonElement root)
    {
        if (!reader.ExpectObject(root, "$", "{\"version\":1,\"rules\":[{\"stage\":\"loyalty\",\"condition\":{…}}]}"))
            return null;
        reader.CheckKeys(root, "", RootKeys);
        reader.ReadVersion(root);
        if (!root.TryGetProperty("rules", out var list))
        {
            reader.Error("rules", $"required: a list of {{\"stage\",\"condition\"}} from the highest stage down ({RuleStages})");
            return null;
        }
        if (list.ValueKind != JsonValueKind.Array)
        {
            reader.Error("rules", $"must be a list of {{\"stage\",\"condition\"}}, not {SegmentJsonReader.Describe(list)}");
            return null;
        }

        var rules = new List<LifecycleRule>();
        LifecycleStage? previous = null;
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            var path = $"rules[{index++}]";
            if (!reader.ExpectObject(item, path, "{\"stage\":\"loyalty\",\"condition\":{…}}"))
                continue;
            reader.CheckKeys(item, path, RuleKeys);
            var stage = ReadStage(reader, item, path, previous);
            if (stage is not null)
                previous = stage;
            Condition? condition = null;
            if (item.TryGetProperty("condition", out var conditionElement))
                condition = reader.ReadRootCondition(conditionElement, SegmentJsonReader.Join(path, "condition"));
            else
                reader.Error(SegmentJsonReader.Join(path, "condition"), "required: what a profile must meet to be at this stage");
            if (stage is { } s && condition is not null)
                rules.Add(new LifecycleRule(s, condition));
        }
        return reader.Errors.Count == 0 ? new LifecycleRules(rules) : null;
    }

    private static LifecycleStage? ReadStage(SegmentJsonReader reader, JsonElement rule, string path, LifecycleStage? previous)
    {
        var stagePath = SegmentJsonReader.Join(path, "stage");
        if (!rule.TryGetProperty("stage", out var element))
        {
            reader.Error(stagePath, $"required; use one of {RuleStages}");
            return null;
        }
        var name = element.ValueKind == JsonValueKind.String ? element.GetString() : null;
        if (!LifecycleStages.TryParse(name, out var stage))
        {
            reader.Error(stagePath, $"{SegmentJsonReader.Describe(element)} is not a lifecycle stage; use one of {RuleStages}");
            return null;
        }
        if (stage == LifecycleStage.Awareness)
        {
            reader.Error(stagePath, "awareness is the fallback for every profile with an event and takes no rule; remove this rule");
            return null;
        }
        if (previous is { } before && stage == before)
        {
            reader.Error(stagePath, $"'{name}' has a rule already; give each stage one rule and join conditions with or");
            return null;
        }
        if (previous is { } higher && stage > higher)
        {
            reader.Error(stagePath, $"'{name}' must come before '{LifecycleStages.Name(higher)}': rules go from the highest stage down ({RuleStages})");
            return null;
        }
        return stage;
    }
}
