using static Omnia.Core.Tests.Import.CsvImports;

namespace Omnia.Core.Tests.Import;

public class RowErrorTests
{
    private const string SalesWithMistakes = """
        customer_id,email,phone,order_date,revenue
        C-1,ana@example.com,,2024-03-30,10.00
        C-2,,,31/31/2024,20.00
        C-3,bob@,,2024-03-30,30.00
        ,,,2024-03-30,40.00
        C-5,,,2024-03-30,50.00
        """;

    [Fact]
    public void Bad_rows_are_reported_with_their_line_numbers_and_good_rows_are_kept()
    {
        var rows = Rows(SalesWithMistakes, ForEvents("Order Completed"));

        Assert.Equal([2, 3, 4, 5, 6], rows.Select(r => r.Line));
        Assert.Equal(["C-1", "C-5"], rows.Where(r => r.Succeeded).Select(r => Parse(r).Text("userId")));
        Assert.Equal(
            [
                "line 3: column 'order_date' value '31/31/2024' is not a date (use ISO-8601 like 2024-03-31T12:00:00Z)",
                "line 4: email 'bob@' is not a valid email",
                "line 5: no identifier: fill at least one of user_id, anonymous_id, email, phone",
            ],
            rows.Where(r => !r.Succeeded).Select(r => r.Error!.Message));
    }

    [Fact]
    public void Row_errors_name_the_column_as_the_file_spells_it()
    {
        var rows = Rows(SalesWithMistakes, ForEvents("Order Completed"));

        Assert.Equal(["order_date", "email", null], rows.Where(r => !r.Succeeded).Select(r => r.Error!.Column));
        Assert.All(rows, r => Assert.True(r.Succeeded ^ (r.Error is not null)));
        Assert.All(rows, r => Assert.True(r.Succeeded ^ (r.EventJson is null)));
    }

    [Theory]
    [InlineData("ana@example")]
    [InlineData("@example.com")]
    [InlineData("ana@.com")]
    [InlineData("ana@example.")]
    [InlineData("ana smith@example.com")]
    [InlineData("ana@@example.com")]
    public void Malformed_emails_are_rejected(string email)
    {
        var rows = Rows($"email,first_name\n{email},Ana\n", ForCustomers());

        Assert.Equal($"line 2: email '{email}' is not a valid email", Assert.Single(rows).Error?.Message);
    }

    [Fact]
    public void Placeholder_identifiers_count_as_empty()
    {
        const string csv = """
            Customer ID,email
            N/A,ana@example.com
            null,
            """;

        var rows = Rows(csv, ForCustomers());

        Assert.False(Parse(rows[0]).Has("userId"));
        Assert.Equal(
            "line 3: no identifier: fill at least one of user_id, anonymous_id, email, phone "
            + "('null' in column 'Customer ID' is a placeholder, not an identifier)",
            rows[1].Error?.Message);
    }

    [Fact]
    public void Ids_longer_than_ingestion_accepts_are_reported()
    {
        var csv = $"user_id,first_name\n{new string('7', 257)},Ana\n{new string('7', 256)},Ben\n";

        var rows = Rows(csv, ForCustomers());

        Assert.Equal("line 2: column 'user_id' value is 257 characters long; ids can be at most 256", rows[0].Error?.Message);
        Assert.True(rows[1].Succeeded);
    }

    [Fact]
    public void A_row_too_large_for_one_event_is_reported()
    {
        var csv = $"email,notes\nana@example.com,{new string('x', 33_000)}\nben@example.com,short\n";

        var rows = Rows(csv, ForCustomers());

        Assert.StartsWith("line 2: the row makes an event of 33,", rows[0].Error?.Message, StringComparison.Ordinal);
        Assert.True(rows[1].Succeeded);
    }

    [Fact]
    public void An_event_name_longer_than_ingestion_accepts_is_reported()
    {
        var csv = $"user_id,event,date\nu-1,{new string('E', 201)},2024-01-01\n";

        var error = Assert.Single(Rows(csv, ForEvents())).Error;

        Assert.Equal("line 2: the event name is 201 characters long; the limit is 200", error?.Message);
        Assert.Equal("event", error?.Column);
    }
}
