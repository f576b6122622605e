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
    private static readonly (string Trait, string Channel)[] OptInTraits = [("email_opt_in", "email"), ("sms_opt_in", "sms"), ("push_opt_in", "push")];

    public static IEnumerable<(string Channel, bool Subscribed, string Reason)> Read(string? eventName, JsonElement properties, JsonElement traits)
    {
        if (eventName is not null)
        {
            var change = FromTrack(eventName, properties);
            if (change is { } c)
            {
                yield return c;
            }
        }

        if (traits.ValueKind == JsonValueKind.Object)
        {
            foreach (var (trait, channel) in OptInTraits)
            {
                if (traits.TryGetProperty(trait, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False)
                {
                    yield return (channel, value.ValueKind == JsonValueKind.True, $"trait {trait}");
                }
            }

            if (traits.TryGetProperty("unsubscribed", out var unsubscribed) && unsubscribed.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                yield return ("email", unsubscribed.ValueKind == JsonValueKind.False, "trait unsubscribed");
            }
        }
    }

    private static (string, bool, string)? FromTrack(string name, JsonElement properties)
    {
        string reason = $"event {name}";
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
