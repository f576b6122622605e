using Omnia.Core.Import;
using static Omnia.Core.Tests.Import.CsvImports;

namespace Omnia.Core.Tests.Import;

public class CsvFormatTests
{
    [Theory]
    [InlineData(";")]
    [InlineData("\t")]
    [InlineData(",")]
    public void The_delimiter_is_detected_from_the_header(string delimiter)
    {
        var csv = string.Join(delimiter, "email", "first_name", "city") + "\n"
            + string.Join(delimiter, "a@example.com", "Ana", "Lisboa") + "\n";

        var ana = Assert.Single(Imported(csv, ForCustomers()));

        Assert.Equal("a@example.com", ana.Text("traits.email"));
        Assert.Equal("Ana", ana.Text("traits.first_name"));
        Assert.Equal("Lisboa", ana.Text("traits.city"));
    }

    [Fact]
    public void Semicolon_files_keep_decimal_commas_inside_values_as_text()
    {
        const string csv = "email;first_name;balance\na@example.com;Ana;12,50\n";

        var ana = Assert.Single(Imported(csv, ForCustomers()));

        Assert.Equal("12,50", ana.Text("traits.balance"));
    }

    [Fact]
    public void An_explicit_delimiter_overrides_detection()
    {
        const string csv = "email|note\na@example.com|one;two;three\n";

        var ana = Assert.Single(Imported(csv, ForCustomers() with { Delimiter = '|' }));

        Assert.Equal("one;two;three", ana.Text("traits.note"));
    }

    [Fact]
    public void Quoted_fields_keep_their_commas_newlines_and_quotes()
    {
        const string csv = "email,address,note\n"
            + "a@example.com,\"12 Main St, Apt 4\nBoston, MA\",\"said \"\"call me\"\"\"\n"
            + "b@x\n";

        var rows = Rows(csv, ForCustomers());

        var ana = Parse(rows[0]);
        Assert.Equal("12 Main St, Apt 4\nBoston, MA", ana.Text("traits.address"));
        Assert.Equal("said \"call me\"", ana.Text("traits.note"));
        Assert.Equal(2, rows[0].Line);
        Assert.Equal(3, rows[1].Line);
    }

    [Fact]
    public void Blank_lines_are_skipped_but_still_counted()
    {
        const string csv = "email\n\na@example.com\n,\nbob@\n";

        var rows = Rows(csv, ForCustomers());

        Assert.Equal([3, 5], rows.Select(r => r.Line));
        Assert.Equal("line 5: email 'bob@' is not a valid email", rows[1].Error?.Message);
    }

    [Fact]
    public void A_row_with_more_values_than_the_header_is_reported()
    {
        const string csv = "email,city\na@example.com,Lisboa,Portugal\nb@example.com,Porto\n";

        var rows = Rows(csv, ForCustomers());

        Assert.Equal("line 2: 3 values but the header has 2 columns; put values that contain the delimiter ',' in double quotes",
            rows[0].Error?.Message);
        Assert.True(rows[1].Succeeded);
    }

    [Fact]
    public void A_row_with_fewer_values_than_the_header_is_read_with_the_rest_empty()
    {
        const string csv = "email,city,country\na@example.com,Lisboa\n";

        var ana = Assert.Single(Imported(csv, ForCustomers()));

        Assert.Equal("Lisboa", ana.Text("traits.city"));
        Assert.False(ana.Has("traits.country"));
    }

    [Fact]
    public void A_stray_quote_is_reported_with_its_column()
    {
        const string csv = "email,product\na@example.com,TV 55\" screen\nb@example.com,Radio\n";

        var rows = Rows(csv, ForCustomers());

        Assert.Equal("product", rows[0].Error?.Column);
        Assert.Contains("double quote", rows[0].Error?.Message, StringComparison.Ordinal);
        Assert.True(rows[1].Succeeded);
    }

    [Fact]
    public void A_byte_order_mark_and_padded_values_are_ignored()
    {
        const string csv = "\uFEFFemail , first_name\n  a@example.com  ,  Ana \n";

        var ana = Assert.Single(Imported(csv, ForCustomers()));

        Assert.Equal("a@example.com", ana.Text("traits.email"));
        Assert.Equal("Ana", ana.Text("traits.first_name"));
    }

    [Fact]
    public void Unnamed_columns_left_by_a_trailing_delimiter_are_ignored()
    {
        const string csv = "email,first_name,\na@example.com,Ana,\n";

        var ana = Assert.Single(Imported(csv, ForCustomers()));

        Assert.Equal(["email", "first_name"], ana.At("traits").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void A_quote_that_is_never_closed_stops_the_import_with_a_clear_message()
    {
        var csv = "email,note\na@example.com,\"never closed\n" + string.Concat(Enumerable.Repeat("b@example.com,fine\n", 60_000));

        var rows = CsvImporter.Read(new StringReader(csv), ForCustomers());

        var error = Assert.Throws<CsvImportException>(() => rows.ToList());
        Assert.Contains("never closed", error.Message, StringComparison.Ordinal);
    }
}
