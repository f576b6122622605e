namespace Omnia.Core.Tests.Import;

/// <summary>Small but realistic exports, as the files users bring look.</summary>
internal static class SampleCsvFiles
{
    /// <summary>A CRM customer export: spreadsheet-style headers, US zip codes, yes/no flags, a missing email.</summary>
    public const string CrmCustomers = """
        Customer ID,E-mail,First Name,Last Name,Lifetime Orders,Lifetime Value,Newsletter Opt-In,Loyalty Tier,Zip,Signed Up
        C-1001,ana.silva@example.com,Ana,Silva,12,1834.50,yes,gold,02134,2021-04-03
        C-1002,ben@example.org,Ben,Okafor,1,49.99,no,,10001,2023-11-20
        C-1003,,Chloé,Martin,0,0,false,bronze,,2024-01-15
        """;

    /// <summary>Point-of-sale sales: one completed order per row, dates in the formats tills write.</summary>
    public const string PosSales = """
        order_id,customer_id,email,order_date,store,revenue,currency,quantity,gift_wrap
        A-9001,C-1001,ana.silva@example.com,2024-03-31T12:00:00Z,Boston Downtown,129.90,usd,3,no
        A-9002,,ben@example.org,2024-03-31 15:45:10,Boston Downtown,49.99,USD,1,yes
        A-9003,C-1003,,04/01/2024,Cambridge,15,EUR,2,
        A-9004,C-1002,,1711987200,Online Pickup,10.5,USD,1,
        """;

    /// <summary>A help-desk export: the event name is a column, times carry an offset, subjects contain commas.</summary>
    public const string SupportTickets = """
        Ticket ID,Event Name,Email,Phone Number,Created At,Priority,Subject,Satisfaction
        T-501,Ticket Opened,ana.silva@example.com,+1 617 555 0101,2024-02-01T09:15:00+01:00,high,"Refund for order A-9001, box damaged",
        T-501,Ticket Solved,ana.silva@example.com,,2024-02-02T10:00:00+01:00,high,"Refund for order A-9001, box damaged",5
        """;
}
