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

    /// <summary>Every demo journey besides the abandoned cart: slug, name, definition.</summary>
    public static IReadOnlyList<(string Slug, string Name, string Json)> Others { get; } =
    [
        ("welcome-series", "Welcome series", WelcomeSeries),
        ("win-back-vips", "Win-back lapsed VIPs", WinBack),
        ("birthday-offer", "Birthday offer", Birthday),
    ];

    /// <summary>The content the demo journeys send: slug and item.</summary>
    public static IReadOnlyList<(string Slug, string Json)> Content { get; } =
    [
        (CartReminderSlug, CartReminder),
        ("welcome-1", """
            {"version":1,"name":"Welcome","campaign":"welcome",
             "email":{"subject":"Welcome to Trail Shop, {{ traits.first_name | default: 'friend' }}","preheader":"10% off your first order",
                      "html":"<p>Hi {{ traits.first_name | default: 'there' }},</p><p>Good to have you. Here is 10% off your first order with the code <strong>WELCOME10</strong>.</p><p><a href=\"https://shop.example.com/new?code=WELCOME10\">Start shopping</a></p>",
                      "text":"Hi {{ traits.first_name | default: 'there' }}, good to have you. 10% off your first order with WELCOME10: https://shop.example.com/new?code=WELCOME10"}}
            """),
        ("welcome-tips", """
            {"version":1,"name":"Welcome: tips","campaign":"welcome",
             "email":{"subject":"Three trails to start with, {{ traits.first_name | default: 'friend' }}",
                      "html":"<p>Our guides picked three trails for your first weekend out.</p><p><a href=\"https://shop.example.com/guides\">Read the guides</a></p>",
                      "text":"Our guides picked three trails for your first weekend out: https://shop.example.com/guides"}}
            """),
        ("welcome-nudge", """
            {"version":1,"name":"Welcome: nudge","campaign":"welcome",
             "email":{"subject":"Your 10% is still waiting","html":"<p>Your code WELCOME10 is still good this week.</p><p><a href=\"https://shop.example.com/new?code=WELCOME10\">Use it</a></p>","text":"Your code WELCOME10 is still good this week: https://shop.example.com/new?code=WELCOME10"},
             "sms":{"text":"Trail Shop: your 10% code WELCOME10 is still good this week. https://shop.example.com/new"},
             "push":{"title":"Your 10% is waiting","body":"Use WELCOME10 on your first order this week.","link":"trailshop://new?code=WELCOME10"}}
            """),
        ("winback-offer", """
            {"version":1,"name":"Win-back offer","campaign":"win-back",
             "email":{"subject":"We miss you, {{ traits.first_name | default: 'friend' }}: 15% off","html":"<p>It has been a while. Here is 15% off with <strong>COMEBACK15</strong>.</p><p><a href=\"https://shop.example.com/?code=COMEBACK15\">Shop now</a></p>","text":"It has been a while. 15% off with COMEBACK15: https://shop.example.com/?code=COMEBACK15"}}
            """),
        ("winback-reminder", """
            {"version":1,"name":"Win-back reminder","campaign":"win-back",
             "email":{"subject":"Last days for your 15%","html":"<p>COMEBACK15 ends on Sunday.</p><p><a href=\"https://shop.example.com/?code=COMEBACK15\">Shop now</a></p>","text":"COMEBACK15 ends on Sunday: https://shop.example.com/?code=COMEBACK15"}}
            """),
        ("birthday-gift", """
            {"version":1,"name":"Birthday gift","campaign":"birthday",
             "email":{"subject":"Happy birthday, {{ traits.first_name | default: 'friend' }}!","html":"<p>Happy birthday! A gift from us: free shipping and 20% off this week with <strong>BDAY20</strong>.</p><p><a href=\"https://shop.example.com/?code=BDAY20\">Treat yourself</a></p>","text":"Happy birthday! 20% off this week with BDAY20: https://shop.example.com/?code=BDAY20"}}
            """),
    ];

    /// <summary>New sign-ups: a welcome email; two days later a tip for those who opened it, a nudge on their best channel for the rest.</summary>
    public const string WelcomeSeries = """
        {
          "version": 1,
          "name": "Welcome series",
          "trigger": { "event": { "name": "Signed Up" } },
          "entry": { "rule": "once" },
          "goal": { "event": { "name": "Order Completed" }, "within": "30d" },
          "exitOn": [ { "event": { "name": "Order Completed" } } ],
          "start": "welcome",
          "nodes": [
            { "id": "welcome", "type": "send", "content": "welcome-1", "channel": "email", "next": "wait-2d" },
            { "id": "wait-2d", "type": "wait", "duration": "2d", "next": "opened" },
            { "id": "opened", "type": "condition", "if": { "lastMessage": "opened" }, "then": "morning", "else": "pick-channel" },
            { "id": "morning", "type": "waitUntil", "time": "09:00", "next": "tips" },
            { "id": "tips", "type": "send", "content": "welcome-tips", "channel": "email", "next": "done" },
            { "id": "pick-channel", "type": "chooseChannel", "channels": ["push", "sms", "email"], "next": "nudge", "none": "done" },
            { "id": "nudge", "type": "send", "content": "welcome-nudge", "channel": "choose", "next": "done" },
            { "id": "done", "type": "exit" }
          ]
        }
        """;

    /// <summary>VIPs who lapse: 10 % held out as a control group, the rest tagged and offered 15 %, reminded after a week if still lapsed.</summary>
    public const string WinBack = """
        {
          "version": 1,
          "name": "Win-back lapsed VIPs",
          "trigger": { "segmentEntry": "lapsed-vips" },
          "entry": { "rule": "reentry", "cooldown": "90d" },
          "goal": { "event": { "name": "Order Completed" }, "within": "30d" },
          "exitOn": [ { "segmentExit": "lapsed-vips" } ],
          "start": "holdout",
          "nodes": [
            { "id": "holdout", "type": "split", "variants": [ { "name": "offer", "weight": 90, "next": "tag" } ], "control": 10 },
            { "id": "tag", "type": "updateProfile", "traits": { "winback_offer": "COMEBACK15" }, "next": "email" },
            { "id": "email", "type": "send", "content": "winback-offer", "channel": "email", "next": "wait-7d" },
            { "id": "wait-7d", "type": "wait", "duration": "7d", "next": "still-lapsed" },
            { "id": "still-lapsed", "type": "condition", "if": { "segment": "lapsed-vips" }, "then": "reminder", "else": "done" },
            { "id": "reminder", "type": "send", "content": "winback-reminder", "channel": "email", "next": "done" },
            { "id": "done", "type": "exit" }
          ]
        }
        """;

    /// <summary>On each customer's birthday at 09:00 their time: a gift.</summary>
    public const string Birthday = """
        {
          "version": 1,
          "name": "Birthday offer",
          "trigger": { "date": { "trait": "birthday", "yearly": true, "at": "09:00" } },
          "entry": { "rule": "once" },
          "goal": { "event": { "name": "Order Completed" }, "within": "7d" },
          "start": "gift",
          "nodes": [
            { "id": "gift", "type": "send", "content": "birthday-gift", "channel": "email", "next": "done" },
            { "id": "done", "type": "exit" }
          ]
        }
        """;
}
