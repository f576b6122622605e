using System.Text.Json;
using Omnia.Core.Lifecycle;

namespace Omnia.Core.Segments;

/// <summary>The persona and lifecycle stage conditions of <see cref="SegmentJsonReader"/>: one value, or <c>{"in":[…]}</c>.</summary>
internal sealed partial class SegmentJsonReader
{
    private static readonly string[] ChoiceKeys = ["in"];

    private const int MaxPersonaLength = 64;

    private PersonaCondition? ReadPersona(JsonElement value, string path)
    {
        var before = _errors.Count;
        var personas = new List<string>();
        foreach (var (key, keyPath) in ReadChoice(value, path, "a persona key such as \"p1\"", "[\"p1\",\"p3\"]"))
        {
            if (key.Length > MaxPersonaLength)
                Error(keyPath, $"is {key.Length} characters long; a persona key has at most {MaxPersonaLength}");
            else
                personas.Add(key);
        }
        return _errors.Count == before ? new PersonaCondition(personas) : null;
    }

    private LifecycleStageCondition? ReadLifecycleStage(JsonElement value, string path)
    {
        var before = _errors.Count;
        var stages = new List<LifecycleStage>();
        foreach (var (name, namePath) in ReadChoice(value, path, "a lifecycle stage such as \"loyalty\"", "[\"loyalty\",\"advocacy\"]"))
        {
            if (LifecycleStages.TryParse(name, out var stage))
                stages.Add(stage);
            else
                Error(namePath, $"'{name}' is not a lifecycle stage; use one of {SegmentWords.OneOf(LifecycleStages.Names)}");
        }
        return _errors.Count == before ? new LifecycleStageCondition(stages) : null;
    }

    /// <summary>
    /// <c>"x"</c> or <c>{"in":["x","y"]}</c>: the non-blank texts with their paths (errors for everything else).
    /// </summary>
    private List<(string Text, string Path)> ReadChoice(JsonElement value, string path, string what, string listExample)
    {
        var found = new List<(string, string)>();
        if (value.ValueKind == JsonValueKind.String)
        {
            if (NonBlankText(value, path, what) is { } single)
                found.Add((single, path));
            return found;
        }
        if (value.ValueKind != JsonValueKind.Object)
        {
            Error(path, $"must be {what}, or {{\"in\":{listExample}}}, not {Describe(value)}");
            return found;
        }
        CheckKeys(value, path, ChoiceKeys);
        var inPath = Join(path, "in");
        if (!value.TryGetProperty("in", out var list))
        {
            Error(inPath, $"required: a non-empty list such as {listExample}");
            return found;
        }
        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            Error(inPath, $"needs a non-empty list such as {listExample}, not {Describe(list)}");
            return found;
        }
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            var itemPath = $"{inPath}[{index++}]";
            if (NonBlankText(item, itemPath, what) is { } text)
                found.Add((text, itemPath));
        }
        return found;
    }
}
