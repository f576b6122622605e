using System.Text.Json;

namespace Omnia.Core.Segments;

/// <summary>Reads <see cref="ComputedTraitDefinition"/>s, with the event filter and window reading of segment definitions.</summary>
internal sealed partial class SegmentJsonReader
{
    private static readonly string[] ComputedTraitKeys = ["version", "name", "description", "event", "fn", "property", "window"];

    private const string ComputedTraitNameRule =
        "start with a lowercase letter, then letters, digits or underscores, at most 64 characters, e.g. \"revenue90d\"";

    public static ComputedTraitParseResult ReadComputedTrait(string json)
    {
        if (!TryParseDocument(json, out var document, out var notJson))
            return new ComputedTraitParseResult(null, [notJson]);
        using (document)
        {
            var reader = new SegmentJsonReader(ComputedTraitCatalog.BuiltIns);
            var definition = reader.ReadComputedTraitDefinition(document.RootElement);
            return reader._errors.Count == 0 && definition is not null
                ? new ComputedTraitParseResult(definition, [])
                : new ComputedTraitParseResult(null, reader._errors);
        }
    }

    private ComputedTraitDefinition? ReadComputedTraitDefinition(JsonElement root)
    {
        if (!ExpectObject(root, "$", "{\"version\":1,\"name\":\"revenue90d\",\"event\":{…},\"fn\":\"sum\",\"property\":\"revenue\"}"))
            return null;
        CheckKeys(root, "", ComputedTraitKeys);
        ReadVersion(root);

        var name = RequiredText(root, "", "name", $"a name that will be used in conditions: {ComputedTraitNameRule}");
        if (name is not null && !ComputedTraitCatalog.IsWellFormedName(name))
        {
            Error("name", $"'{Shorten(name)}' is not a computed trait name; {ComputedTraitNameRule}");
            name = null;
        }
        else if (name is not null && ComputedTraits.Find(name) is not null)
        {
            Error("name", $"'{name}' is a built-in computed trait; choose another name");
            name = null;
        }
        var description = ReadDescription(root);

        EventFilter? filter = null;
        if (!root.TryGetProperty("event", out var eventElement))
            Error("event", "required: which events count, e.g. {\"name\":\"Order Completed\"}");
        else if (ExpectObject(eventElement, "event", "{\"name\":\"Order Completed\",\"where\":[…]}"))
        {
            CheckKeys(eventElement, "event", FilterKeys);
            filter = ReadFilterFields(eventElement, "event");
        }

        var fnIndex = ReadWord(root, "", "fn", SegmentWords.ComputedTraitFunctionWords);
        var function = fnIndex is { } i ? (ComputedTraitFunction)i : (ComputedTraitFunction?)null;

        string? property = null;
        var hasProperty = root.TryGetProperty("property", out var propertyElement);
        if (function == ComputedTraitFunction.Count)
        {
            if (hasProperty)
                Error("property", "count counts the matching events and takes no property; remove 'property'");
        }
        else if (function is { } f)
        {
            if (hasProperty)
                property = NonBlankText(propertyElement, "property", "the event property to read, e.g. \"revenue\"");
            else
                Error("property", $"required for {SegmentWords.Word(f)}: the event property to read, e.g. \"revenue\"");
        }

        var window = root.TryGetProperty("window", out var windowElement) ? ReadWindow(windowElement, "window") : EventWindow.Ever;

        return _errors.Count == 0 && name is not null && filter is not null && function is { } fn && window is not null
            ? new ComputedTraitDefinition(name, description, filter, fn, property, window)
            : null;
    }
}
