using System.Text.Json;
using static Omnia.Core.Tests.Import.CsvImports;

namespace Omnia.Core.Tests.Import;

public class EventImportTests
{
    [Fact]
    public void Pos_sales_become_order_completed_calls_in_the_store_channel_with_numeric_revenue()
    {
        var events = Imported(SampleCsvFiles.PosSales, ForEvents("Order Completed", "store"));

        Assert.Equal(4, events.Count);
        var first = events[0];
        Assert.Equal("track", first.Text("type"));
        Assert.Equal("Order Completed", first.Text("event"));
        Assert.Equal("C-1001", first.Text("userId"));
        Assert.Equal("store", first.Text("context.channel"));
        Assert.Equal(JsonValueKind.Number, first.At("properties.revenue").ValueKind);
        Assert.Equal(129.90m, first.At("properties.revenue").GetDecimal());
        Assert.Equal(3, first.At("properties.quantity").GetInt32());
        Assert.Equal("USD", first.Text("properties.currency"));
        Assert.Equal("A-9001", first.Text("properties.order_id"));
        Assert.Equal("Boston Downtown", first.Text("properties.store"));
        Assert.False(first.At("properties.gift_wrap").GetBoolean());
    }

    [Fact]
    public void Pos_sales_put_email_in_context_traits_for_identity_resolution()
    {
        var events = Imported(SampleCsvFiles.PosSales, ForEvents("Order Completed", "store"));

        Assert.Equal("ben@example.org", events[1].Text("context.traits.email"));
        Assert.False(events[1].Has("userId"));
        Assert.False(events[1].Has("properties.email"));
        Assert.False(events[2].Has("context.traits"));
    }

    [Fact]
    public void Pos_sales_dates_in_several_formats_are_written_as_utc_iso_8601()
    {
        var events = Imported(SampleCsvFiles.PosSales, ForEvents("Order Completed", "store"));

        Assert.Equal(
            ["2024-03-31T12:00:00.000Z", "2024-03-31T15:45:10.000Z", "2024-04-01T00:00:00.000Z", "2024-04-01T16:00:00.000Z"],
            events.Select(e => e.Text("timestamp")));
        Assert.False(events[0].Has("properties.order_date"));
    }

    [Theory]
    [InlineData("2024-03-31T12:00:00Z", "2024-03-31T12:00:00.000Z")]
    [InlineData("2024-03-31T12:00:00.250Z", "2024-03-31T12:00:00.250Z")]
    [InlineData("2024-03-31T14:00:00+02:00", "2024-03-31T12:00:00.000Z")]
    [InlineData("2024-03-31T12:00:00", "2024-03-31T12:00:00.000Z")]
    [InlineData("2024-03-31", "2024-03-31T00:00:00.000Z")]
    [InlineData("2024-03-31 12:00:00", "2024-03-31T12:00:00.000Z")]
    [InlineData("03/31/2024", "2024-03-31T00:00:00.000Z")]
    [InlineData("3/5/2024", "2024-03-05T00:00:00.000Z")]
    [InlineData("1711886400", "2024-03-31T12:00:00.000Z")]
    [InlineData("1711886400123", "2024-03-31T12:00:00.123Z")]
    public void Timestamp_formats_are_read_and_written_as_utc_iso_8601(string value, string expected)
    {
        var csv = $"user_id,timestamp\nu-1,{value}\n";

        var order = Imported(csv, ForEvents("Order Completed"))[0];

        Assert.Equal(expected, order.Text("timestamp"));
    }

    [Fact]
    public void Support_tickets_are_named_by_their_event_column()
    {
        var events = Imported(SampleCsvFiles.SupportTickets, ForEvents(channel: "support"));

        Assert.Equal(["Ticket Opened", "Ticket Solved"], events.Select(e => e.Text("event")));
        var opened = events[0];
        Assert.Equal("support", opened.Text("context.channel"));
        Assert.Equal("ana.silva@example.com", opened.Text("context.traits.email"));
        Assert.Equal("+1 617 555 0101", opened.Text("context.traits.phone"));
        Assert.Equal("2024-02-01T08:15:00.000Z", opened.Text("timestamp"));
        Assert.Equal("T-501", opened.Text("properties.ticket_id"));
        Assert.Equal("high", opened.Text("properties.priority"));
        Assert.Equal("Refund for order A-9001, box damaged", opened.Text("properties.subject"));
        Assert.False(opened.Has("properties.satisfaction"));
        Assert.Equal(5, events[1].At("properties.satisfaction").GetInt32());
        Assert.False(events[1].Has("context.traits.phone"));
    }

    [Fact]
    public void Event_column_wins_over_the_default_event_name_and_an_empty_one_falls_back_to_it()
    {
        const string csv = """
            user_id,event,date
            u-1,Order Refunded,2024-01-02
            u-2,,2024-01-03
            """;

        var events = Imported(csv, ForEvents("Order Completed"));

        Assert.Equal(["Order Refunded", "Order Completed"], events.Select(e => e.Text("event")));
    }

    [Fact]
    public void An_event_without_a_date_is_reported()
    {
        const string csv = """
            user_id,order_date,revenue
            u-1,,10
            """;

        var error = Assert.Single(Rows(csv, ForEvents("Order Completed"))).Error;

        Assert.NotNull(error);
        Assert.Equal("order_date", error.Column);
        Assert.StartsWith("line 2: column 'order_date' is empty", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("12,50")]
    [InlineData("$12.50")]
    [InlineData("twelve")]
    public void Revenue_that_is_not_a_number_is_reported(string revenue)
    {
        var csv = $"user_id,date,revenue\nu-1,2024-01-02,\"{revenue}\"\n";

        var error = Assert.Single(Rows(csv, ForEvents("Order Completed"))).Error;

        Assert.NotNull(error);
        Assert.Equal("revenue", error.Column);
        Assert.Contains($"value '{revenue}' is not a number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_currency_that_is_not_a_code_is_reported()
    {
        const string csv = """
            user_id,date,revenue,currency
            u-1,2024-01-02,10,dollars
            """;

        var error = Assert.Single(Rows(csv, ForEvents("Order Completed"))).Error;

        Assert.Equal("line 2: column 'currency' value 'dollars' is not a 3-letter currency code like USD or EUR", error?.Message);
    }

    [Fact]
    public void A_date_after_the_import_time_is_reported_as_a_likely_misread()
    {
        const string csv = """
            user_id,date
            u-1,12/03/2031
            """;

        var error = Assert.Single(Rows(csv, ForEvents("Order Completed"))).Error;

        Assert.NotNull(error);
        Assert.Contains("'12/03/2031' is in the future", error.Message, StringComparison.Ordinal);
    }
}
