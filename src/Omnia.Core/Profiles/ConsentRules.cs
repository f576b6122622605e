using System.Text.Json;

namespace Omnia.Core.Profiles;

/// <summary>
/// Reads consent changes from events: unsubscribe/subscribe tracks (<c>Email Unsubscribed</c>,
/// <c>SMS Opted Out</c>, <c>Subscription Updated</c> with <c>channel</c> and <c>subscribed</c>),
/// hard bounces and spam complaints, and opt-in traits on identify (<c>email_opt_in</c>, <c>sms_opt_in</c>,
/// <c>push_opt_in</c>, <c>unsubscribed</c>).
/// </summary>
public static class ConsentRules
{
    private static readonly (string Trait, string Channel, string Reason)[] OptInTraits =
        [("email_opt_in", "email", "trait email_opt_in"), ("sms_opt_in", "sms", "trait sms_opt_in"), ("push_opt_in", "push", "trait push_opt_in")];

    public static IEnumerable<(string Channel, bool Subscribed, string Reason)> Read(string? eventName, JsonElement properties, JsonElement traits)
    {
        var changes = new List<(string Channel, bool Subscribed, string Reason)>();
        Read(eventName, properties, traits, changes, static (list, change) => list.Add(change));
        return changes;
    }

    /// <summary>
    /// As <see cref="Read(string?, JsonElement, JsonElement)"/>, handing each change to <paramref name="apply"/> with
    /// <paramref name="state"/>: no allocation for an event that changes no consent (the hot path of every event).
    /// </summary>
    public static void Read<TState>(string? eventName, JsonElement properties, JsonElement traits, TState state, Action<TState, (string Channel, bool Subscribed, string Reason)> apply)
    {
        ArgumentNullException.ThrowIfNull(apply);
        if (eventName is not null && FromTrack(eventName, properties) is { } c)
        {
            apply(state, c);
        }

        if (traits.ValueKind == JsonValueKind.Object)
        {
            foreach (var (trait, channel, reason) in OptInTraits)
            {
                if (traits.TryGetProperty(trait, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False)
                {
                    apply(state, (channel, value.ValueKind == JsonValueKind.True, reason));
                }
            }

            if (traits.TryGetProperty("unsubscribed"u8, out var unsubscribed) && unsubscribed.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                apply(state, ("email", unsubscribed.ValueKind == JsonValueKind.False, "trait unsubscribed"));
            }
        }
    }

    private static (string, bool, string)? FromTrack(string name, JsonElement properties)
    {
        string reason = name switch
        {
            "Email Unsubscribed" or "Email Subscribed" or "SMS Opted Out" or "SMS Unsubscribed" or "SMS Opted In" or "SMS Subscribed"
                or "Push Opted Out" or "Push Unsubscribed" or "Push Opted In" or "Push Subscribed" or "Unsubscribed" or "Subscribed"
                or "Subscription Updated" or "Consent Updated" => $"event {name}",
            _ => string.Empty,
        };
        switch (name)
        {
            case "Email Unsubscribed":
                return ("email", false, reason);
            case "Email Subscribed":
                return ("email", true, reason);
            case "Email Bounced":
                return IsHardBounce(properties) ? ("email", false, "hard bounce") : null;
            case "Email Marked as Spam":
                return ("email", false, "spam complaint");
            case "SMS Opted Out" or "SMS Unsubscribed":
                return ("sms", false, reason);
            case "SMS Opted In" or "SMS Subscribed":
                return ("sms", true, reason);
            case "Push Opted Out" or "Push Unsubscribed":
                return ("push", false, reason);
            case "Push Opted In" or "Push Subscribed":
                return ("push", true, reason);
            case "Unsubscribed" or "Subscribed":
                return (ChannelOf(properties) ?? "email", name == "Subscribed", reason);
            case "Subscription Updated" or "Consent Updated":
                string? channel = ChannelOf(properties);
                bool? subscribed = SubscribedOf(properties);
                return channel is null || subscribed is null ? null : (channel, subscribed.Value, reason);
            default:
                return null;
        }
    }

    private static string? ChannelOf(JsonElement properties) =>
        properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty("channel", out var c) && c.ValueKind == JsonValueKind.String
            ? c.GetString()!.Trim().ToLowerInvariant()
            : null;

    private static bool? SubscribedOf(JsonElement properties)
    {
        if (properties.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (properties.TryGetProperty("subscribed", out var s) && s.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return s.ValueKind == JsonValueKind.True;
        }

        if (properties.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.String)
        {
            return status.GetString()!.ToLowerInvariant() switch
            {
                "subscribed" or "opted_in" or "opt_in" or "granted" => true,
                "unsubscribed" or "opted_out" or "opt_out" or "denied" or "revoked" => false,
                _ => null,
            };
        }

        return null;
    }

    private static bool IsHardBounce(JsonElement properties) =>
        properties.ValueKind != JsonValueKind.Object
        || !properties.TryGetProperty("bounce_type", out var type)
        || type.ValueKind != JsonValueKind.String
        || type.GetString() is "hard" or "permanent";
}
