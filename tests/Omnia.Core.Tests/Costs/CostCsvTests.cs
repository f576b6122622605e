using Omnia.Core.Costs;

namespace Omnia.Core.Tests.Costs;

public class CostCsvTests
{
    [Fact]
    public void A_cost_file_reads_day_channel_campaign_spend_impressions_and_clicks()
    {
        var result = CostCsv.Read(new StringReader("""
            date,channel,campaign,spend,impressions,clicks
            2026-11-01,paid_search,brand_search,120.50,4000,310
            2026-11-01,display,,75,90000,45
            """));

        Assert.Empty(result.Errors);
        Assert.Equal(
            [new CostRow(new DateOnly(2026, 11, 1), "paid_search", "brand_search", 120.50m, 4000, 310), new CostRow(new DateOnly(2026, 11, 1), "display", null, 75m, 90000, 45)],
            result.Rows);
    }

    [Fact]
    public void Columns_are_found_by_their_usual_names_in_any_order_with_semicolons()
    {
        var result = CostCsv.Read(new StringReader("""
            Cost;Day;Channel;UTM Campaign
            19.99;2026-11-02;PAID_SOCIAL;spring_sale
            """));

        var row = Assert.Single(result.Rows);
        Assert.Equal(new CostRow(new DateOnly(2026, 11, 2), "paid_social", "spring_sale", 19.99m, 0, 0), row);
    }

    [Fact]
    public void Bad_rows_are_reported_with_their_line_and_the_others_are_read()
    {
        var result = CostCsv.Read(new StringReader("""
            date,channel,campaign,spend,impressions,clicks
            2026-11-01,paid_search,brand,10,1,1
            11/02/2026,paid_search,brand,€12,many,1
            2026-11-03,fax,brand,10,1,1

            2026-11-04,paid_search,brand,-5,1,1
            """));

        Assert.Single(result.Rows);
        Assert.Equal([3, 4, 6], result.Errors.Select(e => e.Line));
        Assert.Equal("line 3: date '11/02/2026' is not a date; write it as 2026-11-03; spend '€12' is not a number; use a dot for decimals and no currency sign, e.g. 1250.50; impressions 'many' is not a whole number of 0 or more",
            result.Errors[0].ToString());
        Assert.StartsWith("line 4: channel 'fax' is not a channel code", result.Errors[1].ToString(), StringComparison.Ordinal);
        Assert.Equal("line 6: spend -5 must be between 0 and 10000000000000", result.Errors[2].ToString());
    }

    [Fact]
    public void A_header_without_the_required_columns_is_refused_as_a_whole()
    {
        var error = Assert.Throws<FormatException>(() => CostCsv.Read(new StringReader("day,source,cost\n2026-11-01,google,3\n")));

        Assert.Equal("line 1: the header has no channel column; start the file with date,channel,campaign,spend,impressions,clicks (campaign, impressions and clicks may be left out)", error.Message);
    }

    [Fact]
    public void Written_rows_read_back_unchanged()
    {
        CostRow[] rows = [new(new DateOnly(2026, 11, 1), "paid_search", "brand, \"EU\"", 1.5m, 2, 3), new(new DateOnly(2026, 11, 2), "display", null, 0m, 0, 0)];
        var text = new StringWriter();

        CostCsv.Write(text, rows);

        Assert.Equal(rows, CostCsv.Read(new StringReader(text.ToString())).Rows);
    }
}
