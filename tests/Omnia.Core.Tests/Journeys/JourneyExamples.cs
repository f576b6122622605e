namespace Omnia.Core.Tests.Journeys;

/// <summary>The journeys docs/journeys.md shows, used across the tests.</summary>
internal static class JourneyExamples
{
    public const string AbandonedCart = """
        {
          "version": 1,
          "name": "Abandoned cart",
          "description": "Email people who add to a cart and do not order that cart within an hour",
          "trigger": { "event": { "name": "Product Added", "key": "cart_id" } },
          "entry": { "rule": "once" },
          "goal": { "event": { "name": "Order Completed" }, "matchKey": "cart_id", "within": "7d" },
          "exitOn": [ { "event": { "name": "Order Completed" }, "matchKey": "cart_id" } ],
          "start": "wait-for-order",
          "nodes": [
            { "id": "wait-for-order", "type": "waitForEvent", "event": { "name": "Order Completed" }, "matchKey": "cart_id",
              "timeout": "1h", "onEvent": "done", "onTimeout": "reminder" },
            { "id": "reminder", "type": "send", "content": "cart-reminder", "channel": "email", "next": "done" },
            { "id": "done", "type": "exit" }
          ]
        }
        """;

    /// <summary>The demo's welcome series (one definition for the docs, the demo and the tests).</summary>
    public const string WelcomeSeries = Omnia.Core.Demo.DemoJourneys.WelcomeSeries;

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
            { "id": "email", "type": "send", "content": "winback-offer", "channel": "email", "next": "crm" },
            { "id": "crm", "type": "webhook", "url": "https://crm.example.com/hooks/winback", "method": "POST", "body": "winback-crm", "next": "wait-7d" },
            { "id": "wait-7d", "type": "wait", "duration": "7d", "next": "still-lapsed" },
            { "id": "still-lapsed", "type": "condition", "if": { "segment": "lapsed-vips" }, "then": "reminder", "else": "done" },
            { "id": "reminder", "type": "send", "content": "winback-reminder", "channel": "email", "next": "done" },
            { "id": "done", "type": "exit" }
          ]
        }
        """;

    public const string Birthday = """
        {
          "version": 1,
          "name": "Birthday offer",
          "trigger": { "date": { "trait": "birthday", "yearly": true, "at": "09:00" } },
          "entry": { "rule": "once" },
          "start": "gift",
          "nodes": [
            { "id": "gift", "type": "send", "content": "birthday-gift", "channel": "email", "next": "done" },
            { "id": "done", "type": "exit" }
          ]
        }
        """;

    public const string WeeklyNewsletter = """
        {
          "version": 1,
          "name": "Weekly newsletter",
          "trigger": { "schedule": { "segment": "newsletter", "cron": "0 9 * * MON", "timeZone": "Europe/Berlin" } },
          "entry": { "rule": "once" },
          "start": "issue",
          "nodes": [
            { "id": "issue", "type": "send", "content": "newsletter", "channel": "email", "next": "done" },
            { "id": "done", "type": "exit" }
          ]
        }
        """;
}
