using System.Text.RegularExpressions;
using static Omnia.Core.Tests.Import.CsvImports;

namespace Omnia.Core.Tests.Import;

public class MessageIdTests
{
    private static List<string> MessageIds(string csv, string sourceName = "pos-march.csv") =>
        Imported(csv, ForEvents("Order Completed", "store", sourceName)).Select(e => e.Text("messageId")).ToList();

    [Fact]
    public void Importing_the_same_file_twice_gives_the_same_message_ids()
    {
        var first = MessageIds(SampleCsvFiles.PosSales);
        var second = MessageIds(SampleCsvFiles.PosSales);

        Assert.Equal(first, second);
        Assert.All(first, id => Assert.Matches(new Regex("^csv-[0-9a-f]{24}$"), id));
        Assert.Equal(first.Count, first.Distinct().Count());
    }

    [Fact]
    public void A_changed_row_gets_a_different_message_id_and_the_others_keep_theirs()
    {
        var original = MessageIds(SampleCsvFiles.PosSales);
        var corrected = MessageIds(SampleCsvFiles.PosSales.Replace("129.90", "139.90", StringComparison.Ordinal));

        Assert.NotEqual(original[0], corrected[0]);
        Assert.Equal(original[1..], corrected[1..]);
    }

    [Fact]
    public void The_same_rows_in_another_file_get_other_message_ids()
    {
        var march = MessageIds(SampleCsvFiles.PosSales, "pos-march.csv");
        var april = MessageIds(SampleCsvFiles.PosSales, "pos-april.csv");

        Assert.Empty(march.Intersect(april));
    }

    [Fact]
    public void Line_endings_and_delimiter_do_not_change_message_ids()
    {
        var windows = SampleCsvFiles.PosSales.Replace("\n", "\r\n", StringComparison.Ordinal);
        var semicolons = SampleCsvFiles.PosSales.Replace(',', ';');

        Assert.Equal(MessageIds(SampleCsvFiles.PosSales), MessageIds(windows));
        Assert.Equal(MessageIds(SampleCsvFiles.PosSales), MessageIds(semicolons));
    }

    [Fact]
    public void A_message_id_column_is_used_as_it_is()
    {
        const string csv = """
            message_id,user_id,date
            pos-0001,u-1,2024-01-02
            ,u-2,2024-01-02
            """;

        var ids = MessageIds(csv);

        Assert.Equal("pos-0001", ids[0]);
        Assert.StartsWith("csv-", ids[1], StringComparison.Ordinal);
    }
}
