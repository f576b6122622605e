using System.Text.Json;
using static Omnia.Core.Tests.Import.CsvImports;

namespace Omnia.Core.Tests.Import;

public class CustomerImportTests
{
    [Fact]
    public void Crm_customers_export_becomes_identify_calls_with_typed_traits()
    {
        var events = Imported(SampleCsvFiles.CrmCustomers, ForCustomers());

        Assert.Equal(3, events.Count);
        var ana = events[0];
        Assert.Equal("identify", ana.Text("type"));
        Assert.Equal("C-1001", ana.Text("userId"));
        Assert.Equal("ana.silva@example.com", ana.Text("traits.email"));
        Assert.Equal("Ana", ana.Text("traits.first_name"));
        Assert.Equal(JsonValueKind.Number, ana.At("traits.lifetime_orders").ValueKind);
        Assert.Equal(12, ana.At("traits.lifetime_orders").GetInt32());
        Assert.Equal(1834.50m, ana.At("traits.lifetime_value").GetDecimal());
        Assert.True(ana.At("traits.newsletter_opt_in").GetBoolean());
        Assert.Equal("gold", ana.Text("traits.loyalty_tier"));
        Assert.Equal("2021-04-03", ana.Text("traits.signed_up"));
        Assert.False(ana.Has("traits.customer_id"));
    }

    [Fact]
    public void Empty_cells_are_left_out_of_the_traits()
    {
        var events = Imported(SampleCsvFiles.CrmCustomers, ForCustomers());

        Assert.False(events[1].Has("traits.loyalty_tier"));
        Assert.False(events[1].At("traits.newsletter_opt_in").GetBoolean());
        Assert.False(events[2].Has("traits.email"));
        Assert.False(events[2].Has("traits.zip"));
        Assert.Equal("Chloé", events[2].Text("traits.first_name"));
    }

    [Fact]
    public void Zip_codes_ids_and_numbers_with_leading_zeros_stay_text()
    {
        const string csv = """
            email,zip,crm_id,account_number,discount_code,card_last_digits
            a@example.com,02134,12345,00042,2024,1234567890123456
            """;

        var traits = Imported(csv, ForCustomers())[0].At("traits");

        Assert.Equal("02134", traits.Text("zip"));
        Assert.Equal("12345", traits.Text("crm_id"));
        Assert.Equal("00042", traits.Text("account_number"));
        Assert.Equal("2024", traits.Text("discount_code"));
        Assert.Equal("1234567890123456", traits.Text("card_last_digits"));
    }

    [Fact]
    public void Customers_without_a_timestamp_are_identified_without_one()
    {
        var ana = Imported(SampleCsvFiles.CrmCustomers, ForCustomers())[0];

        Assert.False(ana.Has("timestamp"));
    }

    [Fact]
    public void A_customer_timestamp_column_dates_the_identify_call()
    {
        const string csv = """
            email,timestamp,created_at
            a@example.com,2024-05-06 07:08:09,2020-01-01
            b@example.com,,2021-01-01
            """;

        var events = Imported(csv, ForCustomers());

        Assert.Equal("2024-05-06T07:08:09.000Z", events[0].Text("timestamp"));
        Assert.Equal("2020-01-01", events[0].Text("traits.created_at"));
        Assert.False(events[1].Has("timestamp"));
    }

    [Fact]
    public void Channel_is_written_to_the_context()
    {
        var ana = Imported(SampleCsvFiles.CrmCustomers, ForCustomers() with { Channel = "crm" })[0];

        Assert.Equal("crm", ana.Text("context.channel"));
    }

    [Fact]
    public void Camel_case_headers_are_matched_like_snake_case()
    {
        const string csv = """
            userId,anonymousId,emailAddress,phone_number,firstName
            u-1,anon-1,a@example.com,+44 20 7946 0000,Ana
            """;

        var ana = Imported(csv, ForCustomers())[0];

        Assert.Equal("u-1", ana.Text("userId"));
        Assert.Equal("anon-1", ana.Text("anonymousId"));
        Assert.Equal("a@example.com", ana.Text("traits.email"));
        Assert.Equal("+44 20 7946 0000", ana.Text("traits.phone"));
        Assert.Equal("Ana", ana.Text("traits.first_name"));
    }
}
