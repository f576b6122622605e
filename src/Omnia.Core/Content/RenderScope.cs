using System.Text.Json;
using Fluid.Values;
using Omnia.Core.Events;

namespace Omnia.Core.Content;

/// <summary>
/// A <see cref="RenderModel"/> turned into Liquid values once, so every part of a message renders from the same
/// values. Only data is exposed: strings, numbers, booleans, lists and objects, never .NET objects.
/// </summary>
public sealed class RenderScope
{
    private RenderScope(IReadOnlyList<(string, FluidValue)> values, DateTimeOffset now, TimeZoneInfo zone)
    {
        Values = values;
        var at = now;
        Now = () => at;
        TimeZone = zone;
    }

    internal IReadOnlyList<(string Name, FluidValue Value)> Values { get; }

    internal Func<DateTimeOffset> Now { get; }

    internal TimeZoneInfo TimeZone { get; }

    public static RenderScope Of(RenderModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var profile = new Dictionary<string, FluidValue>(StringComparer.Ordinal);
        if (model.ProfileId is { } id)
            profile["id"] = NumberValue.Create(id);

        var message = new Dictionary<string, FluidValue>(StringComparer.Ordinal);
        Add(message, "id", model.Message.Id);
        Add(message, "channel", model.Message.Channel);
        Add(message, "campaign", model.Message.Campaign);
        Add(message, "unsubscribe_url", model.Message.UnsubscribeUrl);

        var @event = new Dictionary<string, FluidValue>(model.Event.Count, StringComparer.Ordinal);
        foreach (var property in model.Event.Items)
            @event[property.Name] = From(property.Value);

        var zone = model.TimeZone;
        return new RenderScope(
        [
            ("profile", Object(profile)),
            ("traits", Object(Map(model.Traits))),
            ("computed", DictionaryValue.Create(new ComputedIndex(model.Computed, zone))),
            ("event", Object(@event)),
            ("journey", Object(Map(model.Journey))),
            ("message", Object(message)),
            ("now", DateTimeValue.Create(TimeZoneInfo.ConvertTime(model.Now, zone))),
        ], model.Now, zone);
    }

    /// <summary>A JSON-like value as a Liquid value (objects from their JSON text).</summary>
    internal static FluidValue From(EventValue value)
    {
        switch (value.Kind)
        {
            case EventValueKind.String:
                return StringValue.Create(value.String!);
            case EventValueKind.Number:
                return value.TryGetDecimal(out var number) ? NumberValue.Create(number) : StringValue.Create(value.ToString());
            case EventValueKind.True:
                return BooleanValue.True;
            case EventValueKind.False:
                return BooleanValue.False;
            case EventValueKind.Array:
                var items = value.Items;
                var list = new FluidValue[items.Count];
                for (var i = 0; i < list.Length; i++)
                    list[i] = From(items[i]);
                return ArrayValue.Create(list);
            case EventValueKind.Object:
                using (var document = JsonDocument.Parse(value.ObjectJson!))
                    return From(document.RootElement);
            default:
                return NilValue.Instance;
        }
    }

    private static FluidValue From(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var map = new Dictionary<string, FluidValue>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                    map[property.Name] = From(property.Value);
                return Object(map);
            case JsonValueKind.Array:
                return ArrayValue.Create([.. element.EnumerateArray().Select(From)]);
            default:
                return From(EventValue.FromJson(element));
        }
    }

    /// <summary>A computed trait's value (decimal, string, date, bool or null) as a Liquid value.</summary>
    internal static FluidValue FromComputed(object? value, TimeZoneInfo zone) => value switch
    {
        null => NilValue.Instance,
        decimal d => NumberValue.Create(d),
        string s => StringValue.Create(s),
        bool b => BooleanValue.Create(b),
        DateTimeOffset at => DateTimeValue.Create(TimeZoneInfo.ConvertTime(at, zone)),
        _ => StringValue.Create(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? ""),
    };

    private static Dictionary<string, FluidValue> Map(IReadOnlyDictionary<string, EventValue> values)
    {
        var map = new Dictionary<string, FluidValue>(values.Count, StringComparer.Ordinal);
        foreach (var (name, value) in values)
            map[name] = From(value);
        return map;
    }

    private static void Add(Dictionary<string, FluidValue> map, string name, string? value)
    {
        if (value is not null)
            map[name] = StringValue.Create(value);
    }

    private static DictionaryValue Object(Dictionary<string, FluidValue> map) =>
        DictionaryValue.Create(new FluidValueDictionaryFluidIndexable(map));

    /// <summary>Computed traits looked up (and worked out) only when a template reads them.</summary>
    private sealed class ComputedIndex(ComputedValues values, TimeZoneInfo zone) : IFluidIndexable
    {
        public int Count => Keys.Count();

        public IEnumerable<string> Keys => values.Names;

        public bool TryGetValue(string name, out FluidValue value)
        {
            if (values.TryGet(name, out var raw))
            {
                value = FromComputed(raw, zone);
                return true;
            }
            value = NilValue.Instance;
            return false;
        }
    }
}
