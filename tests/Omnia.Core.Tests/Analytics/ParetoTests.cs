using Omnia.Core.Analytics;

namespace Omnia.Core.Tests.Analytics;

public class ParetoTests
{
    [Fact]
    public void The_smallest_set_reaching_eighty_percent_is_the_top_items_in_order()
    {
        // 50 + 25 = 75 % < 80 %, + 15 = 90 %: three of five channels bring 80 %.
        var result = Pareto.Rank([("email", 25), ("paid_search", 50), ("social", 15), ("display", 6), ("affiliate", 4)]);

        Assert.Equal(["paid_search", "email", "social", "display", "affiliate"], result.Items.Select(i => i.Key));
        Assert.Equal([0.5, 0.75, 0.9, 0.96, 1.0], result.Items.Select(i => Math.Round(i.Cumulative, 12)));
        Assert.Equal([0.5, 0.25, 0.15, 0.06, 0.04], result.Items.Select(i => Math.Round(i.Share, 12)));
        Assert.Equal((3, 100.0), (result.CoreCount, result.Total));
        Assert.Equal([true, true, true, false, false], result.Items.Select(i => i.InCore));
        Assert.Equal(0.6, result.CoreShareOfItems, 12);
    }

    [Fact]
    public void An_item_that_reaches_the_threshold_exactly_closes_the_set()
    {
        var result = Pareto.Rank([("a", 0.7), ("b", 0.1), ("c", 0.2)]);

        Assert.Equal(2, result.CoreCount);
        Assert.Equal(["a", "c"], result.Items.Where(i => i.InCore).Select(i => i.Key));
    }

    [Fact]
    public void Items_without_contribution_come_last_and_are_never_in_the_set()
    {
        var result = Pareto.Rank([("zero", 0), ("negative", -5), ("only", 3)], threshold: 1);

        Assert.Equal(["only", "negative", "zero"], result.Items.Select(i => i.Key));
        Assert.Equal(1, result.CoreCount);
        Assert.Equal(0, result.Items[1].Value);
    }

    [Fact]
    public void Ties_rank_by_key_and_nothing_at_all_has_an_empty_set()
    {
        Assert.Equal(["a", "b"], Pareto.Rank([("b", 1), ("a", 1)]).Items.Select(i => i.Key));
        Assert.Equal(0, Pareto.Rank([("a", 0)]).CoreCount);
        Assert.Empty(Pareto.Rank([]).Items);
    }
}
