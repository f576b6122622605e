using System.Text.Json;
using Omnia.Core.Content;
using Omnia.Core.Events;

namespace Omnia.Core.Tests.Content;

/// <summary>Content used by several tests, and helpers to build render models.</summary>
internal static class ContentExamples
{
    public static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The abandoned-cart reminder in every channel.</summary>
    public const string CartReminder = """
        {
          "version": 1,
          "name": "Cart reminder",
          "campaign": "abandoned-cart",
          "consistency": { "offer": ["COMEBACK10"], "ctaUrl": "https://shop.example.com/cart", "keyPhrases": ["free returns"] },
          "email": {
            "subject": "{{ traits.first_name | default: 'Hi' }}, you left something behind",
            "preheader": "10% off with COMEBACK10 and free returns",
            "html": "<p>Hi {{ traits.first_name | default: 'there' }},</p><ul>{% for item in event.products %}<li>{{ item.name }} – {{ item.price }} €</li>{% endfor %}</ul><p><a href=\"https://shop.example.com/cart?c={{ event.cart_id }}\">Back to my cart</a> with COMEBACK10, free returns.</p>",
            "text": "Hi {{ traits.first_name | default: 'there' }},\n{% for item in event.products %}- {{ item.name }}: {{ item.price }} EUR\n{% endfor %}Use COMEBACK10 for 10% off, free returns: https://shop.example.com/cart?c={{ event.cart_id }}"
          },
          "sms": { "text": "{{ traits.first_name | default: 'Hi' }}, your cart is waiting. COMEBACK10 = 10% off, free returns: https://shop.example.com/cart" },
          "push": { "title": "Your cart is waiting", "body": "COMEBACK10 gives 10% off. Free returns.", "link": "https://shop.example.com/cart" },
          "inApp": { "title": "Still thinking?", "body": "Take 10% off with COMEBACK10 - free returns included.", "button": "Back to my cart", "link": "https://shop.example.com/cart" }
        }
        """;

    public static ContentItem Parse(string json)
    {
        var result = ContentItem.Parse(json);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Content;
    }

    public static CompiledContent Compile(string json) => CompiledContent.Compile(Parse(json));

    /// <summary>A single-variant content item with <paramref name="template"/> as its SMS text.</summary>
    public static CompiledContent Sms(string template) =>
        CompiledContent.Compile(new ContentItem("t", null, null, ConsistencyRules.None, null, new SmsVariant(template), null, null, null));

    /// <summary>A web slot (HTML) with <paramref name="template"/>.</summary>
    public static CompiledContent Html(string template) =>
        CompiledContent.Compile(new ContentItem("t", null, null, ConsistencyRules.None, null, null, null, null, new WebSlotVariant(null, template)));

    public static EventProperties Properties(object value) =>
        EventProperties.FromJson(JsonSerializer.SerializeToElement(value));

    public static Dictionary<string, EventValue> Values(object value) =>
        JsonSerializer.SerializeToElement(value).EnumerateObject().ToDictionary(p => p.Name, p => EventValue.FromJson(p.Value));

    public static readonly EventProperties Cart = Properties(new
    {
        cart_id = "c-77",
        products = new object[]
        {
            new { name = "Trailblazer hiking boot", price = 129.5, quantity = 1 },
            new { name = "Merino socks", price = 14, quantity = 2 },
        },
    });
}
