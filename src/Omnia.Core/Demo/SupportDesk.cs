namespace Omnia.Core.Demo;

/// <summary>
/// Support tickets from the help desk (<c>context.channel</c> "support"): created, then resolved
/// hours or days later with a satisfaction score.
/// </summary>
internal static class SupportDesk
{
    private static readonly (string Subject, string Priority)[] Topics =
    [
        ("Where is my order?", "normal"), ("Return request: wrong size", "normal"),
        ("Zipper broke on my jacket", "high"), ("Question about sizing", "low"),
        ("Exchange for a different colour", "low"), ("Promo code not working", "normal"),
        ("Warranty claim for boots", "high"), ("Charged twice for one order", "urgent"),
    ];

    private static readonly string[] Sources = ["email", "chat", "chat", "phone"];

    public static void Run(CustomerState s, DateTimeOffset at)
    {
        var rng = s.Rng;
        var (subject, priority) = rng.Pick(Topics);
        var ticketId = s.NextTicketId();
        var known = s.IsKnownAt(at);
        var satisfaction = rng.PickWeighted<int>([(5, 45), (4, 25), (3, 12), (2, 8), (1, 10)]);
        var resolvedAt = at.AddMinutes(rng.Next(30, 72 * 60));
        foreach (var e in Ticket(s.Customer, known, ticketId, subject, priority, rng.Pick(Sources), at, resolvedAt, satisfaction))
        {
            s.Emit(e);
        }
    }

    /// <summary>The two events of one ticket, identified by user id when the requester is a known customer, else by email.</summary>
    public static IEnumerable<DemoEvent> Ticket(Customer customer, bool byUserId, string ticketId, string subject, string priority,
        string source, DateTimeOffset createdAt, DateTimeOffset resolvedAt, int satisfaction)
    {
        var context = new DemoContext { Library = Libraries.Helpdesk, Channel = "support", TraitsEmail = customer.Email };
        var ids = byUserId ? new Ids(customer.UserId, null) : new Ids(null, "helpdesk-" + ticketId.ToLowerInvariant());
        yield return DemoEvent.Track(createdAt, ids, "Ticket Created", context, w =>
        {
            w.WriteString("ticket_id", ticketId);
            w.WriteString("subject", subject);
            w.WriteString("priority", priority);
            w.WriteString("source", source);
        });
        var hours = Math.Round((resolvedAt - createdAt).TotalHours, 1);
        yield return DemoEvent.Track(resolvedAt, ids, "Ticket Resolved", context, w =>
        {
            w.WriteString("ticket_id", ticketId);
            w.WriteString("subject", subject);
            w.WriteString("priority", priority);
            w.WriteNumber("satisfaction", satisfaction);
            w.WriteNumber("resolution_hours", hours);
        });
    }
}
