using Omnia.Core.Import;
using static Omnia.Core.Tests.Import.CsvImports;

namespace Omnia.Core.Tests.Import;

public class HeaderErrorTests
{
    [Fact]
    public void Header_without_an_identifier_column_is_rejected_naming_the_accepted_columns()
    {
        const string csv = "Name,City\nAna,Lisboa\n";

        var error = Assert.Throws<CsvImportException>(() => CsvImporter.Read(new StringReader(csv), ForCustomers()));

        foreach (var accepted in new[] { "user_id", "customer_id", "anonymous_id", "email", "e-mail", "phone", "mobile" })
        {
            Assert.Contains(accepted, error.Message, StringComparison.Ordinal);
        }

        Assert.Contains("Columns found: 'Name', 'City'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    [InlineData(" , \n")]
    public void Empty_file_is_rejected(string csv)
    {
        var error = Assert.Throws<CsvImportException>(() => CsvImporter.Read(new StringReader(csv), ForCustomers()));

        Assert.StartsWith("The file is empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Header_without_data_rows_imports_nothing()
    {
        Assert.Empty(Rows("email,first_name\n", ForCustomers()));
    }

    [Theory]
    [InlineData("email,Email", "column 'Email' twice")]
    [InlineData("Email,E-mail", "Columns 'Email' and 'E-mail' both mean 'email'")]
    [InlineData("email,First Name,first_name", "Columns 'First Name' and 'first_name' both mean 'first_name'")]
    public void Duplicate_columns_are_rejected(string header, string expected)
    {
        var error = Assert.Throws<CsvImportException>(() => Rows(header + "\n", ForCustomers()));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Events_without_an_event_column_or_event_name_are_rejected()
    {
        var error = Assert.Throws<CsvImportException>(() => Rows("user_id,date\nu-1,2024-01-01\n", ForEvents()));

        Assert.Contains("'event'", error.Message, StringComparison.Ordinal);
        Assert.Contains("EventName", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Events_without_a_date_column_are_rejected()
    {
        var error = Assert.Throws<CsvImportException>(() => Rows("user_id,revenue\nu-1,10\n", ForEvents("Order Completed")));

        Assert.Contains("timestamp, date, created_at or order_date", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_cell_without_letters_or_digits_is_rejected()
    {
        var error = Assert.Throws<CsvImportException>(() => Rows("email,#\na@example.com,1\n", ForCustomers()));

        Assert.Contains("Column 2 is named '#'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_blank_source_name_is_rejected_before_reading()
    {
        var error = Assert.Throws<ArgumentException>(
            () => CsvImporter.Read(new StringReader("email\na@example.com\n"), ForCustomers(sourceName: " ")));

        Assert.Contains("SourceName", error.Message, StringComparison.Ordinal);
    }
}
