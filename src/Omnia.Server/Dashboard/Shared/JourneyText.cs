namespace Omnia.Server.Dashboard.Shared;

/// <summary>How journey pages show a journey's status and start a new one.</summary>
public static class JourneyText
{
    /// <summary>The status pill's class: live is good, paused is on hold, archived is gone.</summary>
    public static string Pill(string status) => status switch
    {
        "live" => "ok",
        "paused" => "busy",
        "archived" => "no",
        _ => "",
    };

    /// <summary>What a new journey starts from: an abandoned-cart flow the marketer adapts.</summary>
    public const string Starter = """
        {
          "version": 1,
          "name": "New journey",
          "trigger": { "event": { "name": "Product Added", "key": "cart_id" } },
          "entry": { "rule": "once" },
          "start": "wait-for-order",
          "nodes": [
            { "id": "wait-for-order", "type": "waitForEvent", "event": { "name": "Order Completed" }, "matchKey": "cart_id", "timeout": "1h", "onEvent": "done", "onTimeout": "done" },
            { "id": "done", "type": "exit" }
          ]
        }
        """;
}
