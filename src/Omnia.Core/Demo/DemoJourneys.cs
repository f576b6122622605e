namespace Omnia.Core.Demo;

/// <summary>
/// The demo's live journeys and their content (DESIGN.md, automation contract): "Abandoned cart" emails a person with
/// email consent whose <c>Product Added</c> (with <c>cart_id</c>) got no <c>Order Completed</c> for that cart within 1
/// hour of the add's timestamp, naming the product(s); a second add to the same cart starts nothing new.
/// </summary>
public static class DemoJourneys
{
    /// <summary>The abandoned-cart journey's slug.</summary>
    public const string AbandonedCartSlug = "abandoned-cart";

    /// <summary>The content item it sends.</summary>
    public const string CartReminderSlug = "cart-reminder";

    /// <summary>The abandoned-cart journey with a wait of <paramref name="wait"/> (<c>1h</c> in the demo).</summary>
    public static string AbandonedCart(string wait = "1h") => $$"""
        {
          "version": 1,
          "name": "Abandoned cart",
          "description": "Email people who add to a cart and do not order that cart within {{wait}}",
          "trigger": { "event": { "name": "Product Added", "key": "cart_id" } },
          "entry": { "rule": "once" },
          "goal": { "event": { "name": "Order Completed" }, "matchKey": "cart_id", "within": "7d" },
          "exitOn": [ { "event": { "name": "Order Completed" }, "matchKey": "cart_id" } ],
          "start": "wait-for-order",
          "nodes": [
            { "id": "wait-for-order", "type": "waitForEvent", "event": { "name": "Order Completed" }, "matchKey": "cart_id",
              "timeout": "{{wait}}", "onEvent": "done", "onTimeout": "reminder" },
            { "id": "reminder", "type": "send", "content": "{{CartReminderSlug}}", "channel": "email", "next": "done" },
            { "id": "done", "type": "exit" }
          ]
        }
        """;

    /// <summary>The reminder email: names every product added to the cart (each add's <c>name</c>, or its <c>products</c> list), from <c>journey.events</c>.</summary>
    public const string CartReminder = """
        {
          "version": 1,
          "name": "Cart reminder",
          "campaign": "abandoned-cart",
          "email": {
            "subject": "{{ traits.first_name | default: 'Hi' }}, {% if journey.events.size > 1 %}your {{ journey.events.size }} items are waiting in your cart{% else %}you left {{ event.name | default: 'something' }} in your cart{% endif %}",
            "html": "<p>Hi {{ traits.first_name | default: 'there' }},</p><p>You left these in your cart:</p><ul>{% for added in journey.events %}{% if added.products %}{% for item in added.products %}<li>{{ item.name }}</li>{% endfor %}{% else %}<li>{{ added.name }}{% if added.price %}: {{ added.price }} {{ added.currency }}{% endif %}</li>{% endif %}{% endfor %}</ul><p><a href=\"https://shop.example.com/cart?c={{ event.cart_id }}\">Back to my cart</a></p>",
            "text": "Hi {{ traits.first_name | default: 'there' }}, you left {% for added in journey.events %}{% if added.products %}{% for item in added.products %}{{ item.name }}{% unless forloop.last %}, {% endunless %}{% endfor %}{% else %}{{ added.name }}{% endif %}{% unless forloop.last %}, {% endunless %}{% endfor %} in your cart: https://shop.example.com/cart?c={{ event.cart_id }}"
          }
        }
        """;
}
