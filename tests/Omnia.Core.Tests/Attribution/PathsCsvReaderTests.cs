using System.Text;
using Omnia.Core.Attribution;

namespace Omnia.Core.Tests.Attribution;

/// <summary>Reading paths files in ChannelAttribution's layout, as analysts export them from R, Python or a spreadsheet.</summary>
public sealed class PathsCsvReaderTests
{
    private static PathSet Read(string text) => PathsCsvReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)));

    private static PathsCsvException Rejected(string text) => Assert.Throws<PathsCsvException>(() => Read(text));

    private static Dictionary<string, double> FirstTouch(PathSet paths) =>
        Journeys.Run(paths, AttributionModel.FirstTouch).ToDictionary(c => c.Key, c => c.Value.Conversions);

    [Fact]
    public void Semicolon_and_comma_files_with_the_same_paths_read_the_same()
    {
        var semicolon = Read("path;total_conversions;total_conversion_value;total_null\neta > iota > alpha;1;0.244;3\niota;2;3.195;6\n");
        var comma = Read("path,total_conversions,total_conversion_value,total_null\r\neta > iota > alpha,1,0.244,3\r\niota,2,3.195,6");

        Assert.Equal(["eta", "iota", "alpha"], semicolon.Channels);
        Assert.Equal(semicolon.Channels, comma.Channels);
        Assert.Equal(3, semicolon.TotalConversions);
        Assert.Equal(3.439, comma.TotalValue, 12);
        Assert.Equal(9, comma.TotalNulls);
        Assert.Equal(FirstTouch(semicolon), FirstTouch(comma));
    }

    [Fact]
    public void Quoted_fields_byte_order_marks_blank_lines_and_loose_spacing_are_accepted()
    {
        var paths = Read("\uFEFF\"path\",\"total_conversions\",\"total_conversion_value\",\"total_null\"\r\n"
            + "\"paid search > \"\"brand\"\", EU >email\",\"2\",\"10.5\",\"1\"\r\n"
            + "\r\n"
            + "\"  email  >  paid search > \"\"brand\"\", EU \",1,2,0\r\n");

        Assert.Equal(["paid search", "\"brand\", EU", "email"], paths.Channels);
        Assert.Equal(2, paths.Count);
        Assert.Equal(3, paths.TotalConversions);
        Assert.Equal(12.5, paths.TotalValue);
    }

    [Fact]
    public void Named_columns_may_come_in_any_order_among_others()
    {
        var paths = Read("total_null;id;Path;total_conversion_value;total_conversions\n4;x1;a > b;30;2\n");

        Assert.Equal(2, paths.TotalConversions);
        Assert.Equal(30, paths.TotalValue);
        Assert.Equal(4, paths.TotalNulls);
        Assert.Equal(2, FirstTouch(paths)["a"]);
    }

    [Fact]
    public void Identical_paths_merge_and_the_order_of_first_appearance_is_kept()
    {
        var paths = Read("path;c;v;n\nb > a;1;1;0\na;1;1;0\nb > a;2;3;4\nb>a;1;0;0\n");

        Assert.Equal(["b", "a"], paths.Channels);
        Assert.Equal(4, paths.Journeys);
        Assert.Equal(2, paths.Count);
    }

    [Theory]
    [InlineData("path;total_conversions;total_conversion_value;total_null\na > b;1;2;0\nb;x;2;0\n", 3, "total_conversions is 'x', not a number")]
    [InlineData("path;total_conversions;total_conversion_value;total_null\na > b;1;2;0\n\n > ;1;2;0\n", 4, "the path is empty")]
    [InlineData("path;total_conversions;total_conversion_value;total_null\na > b;1;2\n", 2, "expected 4 fields")]
    [InlineData("path;total_conversions;total_conversion_value;total_null\na;1;2;0\n\"b\nc\";1;2;0\nd;1;-2;0\n", 5, "total_conversion_value is -2; it must be 0 or more")]
    [InlineData("path;total_conversions;total_conversion_value;total_null\na;1;;0\n", 2, "total_conversion_value is empty")]
    [InlineData("path;total_conversions;total_conversion_value;total_null\r\na;1;2,5;0\r\n", 2, "total_conversion_value is '2,5', not a number; write a number such as 3 or 12.5 (with a dot for decimals)")]
    [InlineData("a > b;1;2;0\nb;1;2;0\n", 1, "looks like a path, not a header")]
    [InlineData("path total_conversions\n", 1, "expected a header with 4 columns")]
    [InlineData("path,conversions\na,1\n", 1, "found 2")]
    [InlineData("", 1, "the file is empty")]
    public void A_bad_file_is_rejected_with_the_line_and_what_to_fix(string text, int line, string problem)
    {
        var error = Rejected(text);

        Assert.Equal(line, error.Line);
        Assert.StartsWith($"line {line}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_alone_reads_as_no_paths()
    {
        var paths = Read("path;total_conversions;total_conversion_value;total_null\n");

        Assert.Equal(0, paths.Count);
        Assert.Empty(AttributionEngine.Run(paths, AttributionModel.All).Keys);
    }

    [Fact]
    public void Records_longer_than_the_read_buffer_are_read_whole()
    {
        string longPath = string.Join(" > ", Enumerable.Range(0, 200_000).Select(i => $"c{i % 50}"));

        var paths = Read($"path;total_conversions;total_conversion_value;total_null\n{longPath};1;1;0\na;1;1;0\n");

        Assert.Equal(2, paths.Count);
        Assert.Equal(200_001, paths.TouchCount);
    }
}
