using System.Text.Json;
using Omnia.Core.Segments;

namespace Omnia.Core.Funnels;

/// <summary>Reads saved funnels with the strictness of segment definitions, reusing their step reading.</summary>
internal static class FunnelJsonReader
{
    private static readonly string[] FunnelKeys = ["version", "slug", "name", "description", "steps", "within", "order", "survey"];
    private static readonly string[] SurveyKeys = ["question", "choices"];

    public static FunnelParseResult Read(string json, string slug)
    {
        if (!SegmentJsonReader.TryParseDocument(json, out var document, out var notJson))
            return new FunnelParseResult(null, [notJson]);
        using (document)
        {
            var reader = new SegmentJsonReader(ComputedTraitCatalog.BuiltIns);
            var funnel = ReadFunnel(reader, document.RootElement, slug);
            return reader.Errors.Count == 0 && funnel is not null ? new FunnelParseResult(funnel, []) : new FunnelParseResult(null, reader.Errors.ToList());
        }
    }

    public static IReadOnlyList<FunnelDefinition> ReadList(string json)
    {
        using var document = JsonDocument.Parse(json);
        var funnels = new List<FunnelDefinition>();
        foreach (var item in document.RootElement.EnumerateArray())
        {
            var slug = item.TryGetProperty("slug", out var s) ? s.GetString() ?? "" : "";
            var parsed = Read(item.GetRawText(), slug);
            funnels.Add(parsed.Funnel ?? throw new FormatException($"Saved funnel '{slug}' no longer reads: {string.Join("; ", parsed.Errors)}"));
        }

        return funnels;
    }

    private static FunnelDefinition? ReadFunnel(SegmentJsonReader reader, JsonElement root, string slug)
    {
        if (!reader.ExpectObject(root, "$", "{\"version\":1,\"name\":\"Checkout\",\"steps\":[{\"name\":\"Product Viewed\"},{\"name\":\"Order Completed\"}],\"within\":\"7d\"}"))
            return null;
        reader.CheckKeys(root, "", FunnelKeys);
        reader.ReadVersion(root);
        if (!SegmentJsonReader.IsSlug(slug))
            reader.Error("slug", $"'{slug}' is not a funnel slug; use lowercase letters, digits and hyphens, e.g. \"checkout\"");
        else if (root.TryGetProperty("slug", out var slugElement) && (slugElement.ValueKind != JsonValueKind.String || slugElement.GetString() != slug))
            reader.Error("slug", $"{SegmentJsonReader.Describe(slugElement)} differs from the funnel's slug '{slug}'; leave it out or make them equal");

        var name = reader.RequiredText(root, "", "name", "the funnel's name as people will see it, e.g. \"Checkout\"");
        if (name is { Length: > 200 })
            reader.Error("name", $"is {name.Length} characters long; use at most 200");
        string? description = null;
        if (root.TryGetProperty("description", out var descriptionElement))
        {
            if (descriptionElement.ValueKind == JsonValueKind.String)
                description = descriptionElement.GetString();
            else if (descriptionElement.ValueKind != JsonValueKind.Null)
                reader.Error("description", $"must be text, not {SegmentJsonReader.Describe(descriptionElement)}");
        }

        var spec = reader.ReadFunnelSpecFields(root, "");
        FunnelSurvey? survey = null;
        if (root.TryGetProperty("survey", out var surveyElement) && surveyElement.ValueKind != JsonValueKind.Null)
            survey = ReadSurvey(reader, surveyElement);

        return reader.Errors.Count == 0 && name is not null && spec is not null ? new FunnelDefinition(slug, name, description, spec, survey) : null;
    }

    private static FunnelSurvey? ReadSurvey(SegmentJsonReader reader, JsonElement element)
    {
        if (!reader.ExpectObject(element, "survey", "{\"question\":\"What stopped you?\",\"choices\":[\"Price\",\"Shipping\",\"Just looking\"]}"))
            return null;
        reader.CheckKeys(element, "survey", SurveyKeys);
        var question = reader.RequiredText(element, "survey", "question", "what to ask, e.g. \"What stopped you from ordering?\"");
        if (question is { Length: > 200 })
            reader.Error("survey.question", $"is {question.Length} characters long; use at most 200");
        var choices = new List<string>();
        if (!element.TryGetProperty("choices", out var choicesElement) || choicesElement.ValueKind != JsonValueKind.Array)
        {
            reader.Error("survey.choices", "required: a list of 2 to 8 answers, e.g. [\"Price\",\"Shipping costs\",\"Just looking\"]");
        }
        else
        {
            var i = 0;
            foreach (var item in choicesElement.EnumerateArray())
            {
                var path = $"survey.choices[{i++}]";
                var choice = reader.NonBlankText(item, path, "an answer people can pick, e.g. \"Price\"");
                if (choice is null)
                    continue;
                if (choice.Length > 80)
                    reader.Error(path, $"is {choice.Length} characters long; use at most 80");
                else if (choices.Contains(choice, StringComparer.Ordinal))
                    reader.Error(path, $"'{choice}' is listed twice; keep one");
                else
                    choices.Add(choice);
            }

            if (i is < 2 or > 8)
                reader.Error("survey.choices", $"has {i} answer(s); offer 2 to 8");
        }

        return question is null ? null : new FunnelSurvey(question, choices);
    }
}
