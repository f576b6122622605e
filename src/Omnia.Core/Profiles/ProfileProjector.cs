using System.Text.Json;
using Omnia.Core.Events;
using Omnia.Core.Touchpoints;

namespace Omnia.Core.Profiles;

/// <summary>
/// Pure rules that turn events into profile state: traits (latest wins per trait by event timestamp),
/// first/last seen, counts, orders and revenue, first-touch acquisition, consent, channel mix and the latest push
/// token (<c>context.device.token</c>).
/// Applying the same events in the same order always gives the same profile.
/// </summary>
public static class ProfileProjector
{
    /// <summary>The Segment ecommerce event whose revenue counts as an order.</summary>
    public const string OrderCompleted = "Order Completed";

    /// <summary>The longest push token kept (FCM tokens run to about 160 characters, APNs tokens 64 hex digits).</summary>
    public const int MaxPushTokenLength = 4096;

    public static void Apply(ProfileState profile, LogEvent e, JsonElement root, Touchpoint touchpoint)
    {
        var timestamp = e.Timestamp;
        profile.EventCount++;
        if (timestamp < profile.FirstSeen)
        {
            profile.FirstSeen = timestamp;
        }

        if (timestamp > profile.LastSeen)
        {
            profile.LastSeen = timestamp;
        }

        if (profile.Acquisition is null || timestamp < profile.Acquisition.At)
        {
            profile.Acquisition = new Acquisition(touchpoint.Channel, touchpoint.Campaign, touchpoint.Source, touchpoint.Medium, timestamp);
        }

        profile.ChannelCounts[touchpoint.Channel] = profile.ChannelCounts.GetValueOrDefault(touchpoint.Channel) + 1;

        var properties = Object(root, "properties");
        CountCategories(profile, properties);
        var traits = e.Type is EventType.Identify ? Object(root, "traits") : default;
        if (traits.ValueKind == JsonValueKind.Object)
        {
            foreach (var trait in traits.EnumerateObject())
            {
                if (!profile.Traits.TryGetValue(trait.Name, out var current) || current.At <= timestamp)
                {
                    profile.Traits[trait.Name] = new TraitValue(EventValue.FromJson(trait.Value), timestamp);
                }
            }
        }

        if (e.Type == EventType.Track && e.Name == OrderCompleted)
        {
            profile.OrderCount++;
            profile.Revenue = Money.Add(profile.Revenue, OrderValue(properties));
            if (profile.LastOrderAt is null || timestamp > profile.LastOrderAt)
            {
                profile.LastOrderAt = timestamp;
            }
        }

        if (Object(root, "context") is { ValueKind: JsonValueKind.Object } context && Object(context, "device") is { ValueKind: JsonValueKind.Object } device
            && device.TryGetProperty("token", out var token) && token.ValueKind == JsonValueKind.String && token.GetString() is { Length: > 0 and <= MaxPushTokenLength } text
            && (profile.PushToken is null || profile.PushToken.At <= timestamp))
        {
            profile.PushToken = new PushToken(text, timestamp);
        }

        ConsentRules.Read(e.Type == EventType.Track ? e.Name : null, properties, traits, (profile, timestamp), static (at, change) =>
        {
            var (channel, subscribed, reason) = change;
            if (!at.profile.Consent.TryGetValue(channel, out var current) || current.At <= at.timestamp)
            {
                at.profile.Consent[channel] = new ConsentState(subscribed, at.timestamp, reason);
            }
        });
    }

    /// <summary>Folds <paramref name="from"/> into <paramref name="into"/>: nothing is lost or counted twice.</summary>
    public static void Merge(ProfileState into, ProfileState from)
    {
        foreach (var (name, value) in from.Traits)
        {
            if (!into.Traits.TryGetValue(name, out var current) || current.At < value.At)
            {
                into.Traits[name] = value;
            }
        }

        into.FirstSeen = Min(into.FirstSeen, from.FirstSeen);
        into.LastSeen = Max(into.LastSeen, from.LastSeen);
        into.EventCount += from.EventCount;
        into.OrderCount += from.OrderCount;
        into.Revenue = Money.Add(into.Revenue, from.Revenue);
        if (from.LastOrderAt is { } lastOrder && (into.LastOrderAt is null || lastOrder > into.LastOrderAt))
        {
            into.LastOrderAt = lastOrder;
        }

        if (from.Acquisition is { } acquisition && (into.Acquisition is null || acquisition.At < into.Acquisition.At))
        {
            into.Acquisition = acquisition;
        }

        foreach (var (channel, consent) in from.Consent)
        {
            if (!into.Consent.TryGetValue(channel, out var current) || current.At < consent.At)
            {
                into.Consent[channel] = consent;
            }
        }

        if (from.PushToken is { } push && (into.PushToken is null || into.PushToken.At < push.At))
        {
            into.PushToken = push;
        }

        foreach (var (channel, count) in from.ChannelCounts)
        {
            into.ChannelCounts[channel] = into.ChannelCounts.GetValueOrDefault(channel) + count;
        }

        foreach (var (category, count) in from.CategoryCounts)
        {
            into.CategoryCounts[category] = into.CategoryCounts.GetValueOrDefault(category) + count;
        }
    }

    /// <summary>Order value per the Segment ecommerce spec: <c>revenue</c>, else <c>total</c>, else the sum of products.</summary>
    public static decimal OrderValue(JsonElement properties)
    {
        if (properties.ValueKind != JsonValueKind.Object)
        {
            return 0;
        }

        if (Number(properties, "revenue") is { } revenue)
        {
            return revenue;
        }

        if (Number(properties, "total") is { } total)
        {
            return total;
        }

        decimal sum = 0;
        if (properties.TryGetProperty("products", out var products) && products.ValueKind == JsonValueKind.Array)
        {
            foreach (var product in products.EnumerateArray())
            {
                if (product.ValueKind == JsonValueKind.Object && Number(product, "price") is { } price)
                {
                    sum = Money.Add(sum, Money.Multiply(price, Number(product, "quantity") ?? 1));
                }
            }
        }

        return sum;
    }

    private static decimal? Number(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetDecimal(out var d) => d,
            JsonValueKind.String when decimal.TryParse(value.GetString(), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var d) => d,
            _ => null,
        };
    }

    private static JsonElement Object(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : default;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    /// <summary>Counts the product categories an event names: its own <c>category</c>, or those of its <c>products</c>.</summary>
    private static void CountCategories(ProfileState profile, JsonElement properties)
    {
        if (properties.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (properties.TryGetProperty("category", out var category) && category.ValueKind == JsonValueKind.String && category.GetString() is { Length: > 0 and <= 100 } name)
        {
            profile.CategoryCounts[name] = profile.CategoryCounts.GetValueOrDefault(name) + 1;
            return;
        }

        if (properties.TryGetProperty("products", out var products) && products.ValueKind == JsonValueKind.Array)
        {
            foreach (var product in products.EnumerateArray())
            {
                if (product.ValueKind == JsonValueKind.Object && product.TryGetProperty("category", out var c) && c.ValueKind == JsonValueKind.String
                    && c.GetString() is { Length: > 0 and <= 100 } productCategory)
                {
                    profile.CategoryCounts[productCategory] = profile.CategoryCounts.GetValueOrDefault(productCategory) + 1;
                }
            }
        }
    }
}
