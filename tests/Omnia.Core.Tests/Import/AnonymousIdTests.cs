using static Omnia.Core.Tests.Import.CsvImports;

namespace Omnia.Core.Tests.Import;

/// <summary>Every Segment call needs a userId or an anonymousId, so rows known only by email or phone get one.</summary>
public class AnonymousIdTests
{
    [Fact]
    public void A_row_known_only_by_email_gets_an_anonymous_id_derived_from_it()
    {
        const string csv = """
            user_id,email,first_name
            ,Ana@Example.com,Ana
            ,ana@example.com,Ana
            ,ben@example.com,Ben
            u-9,carla@example.com,Carla
            """;

        var events = Imported(csv, ForCustomers());

        Assert.Matches("^csv-email-[0-9a-f]{24}$", events[0].Text("anonymousId"));
        Assert.Equal(events[0].Text("anonymousId"), events[1].Text("anonymousId"));
        Assert.NotEqual(events[0].Text("anonymousId"), events[2].Text("anonymousId"));
        Assert.False(events[3].Has("anonymousId"));
    }

    [Fact]
    public void The_derived_anonymous_id_is_the_same_in_every_file()
    {
        const string customers = "email\nana@example.com\n";
        const string orders = "email,order_date\nana@example.com,2024-01-02\n";

        var fromCrm = Assert.Single(Imported(customers, ForCustomers("crm.csv")));
        var fromPos = Assert.Single(Imported(orders, ForEvents("Order Completed", sourceName: "pos.csv")));

        Assert.Equal(fromCrm.Text("anonymousId"), fromPos.Text("anonymousId"));
    }

    [Fact]
    public void A_row_known_only_by_phone_gets_an_anonymous_id_from_its_digits()
    {
        const string csv = """
            phone,first_name
            +351 912 345 678,Ana
            +351-912-345-678,Ana
            """;

        var events = Imported(csv, ForCustomers());

        Assert.Equal("+351 912 345 678", events[0].Text("traits.phone"));
        Assert.Matches("^csv-phone-[0-9a-f]{24}$", events[0].Text("anonymousId"));
        Assert.Equal(events[0].Text("anonymousId"), events[1].Text("anonymousId"));
    }

    [Fact]
    public void An_anonymous_id_column_is_kept_as_it_is()
    {
        var ana = Assert.Single(Imported("anonymous_id,email\nanon-42,ana@example.com\n", ForCustomers()));

        Assert.Equal("anon-42", ana.Text("anonymousId"));
    }
}
