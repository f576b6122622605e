using Omnia.Core.Import;
using static Omnia.Core.Tests.Import.CsvImports;

namespace Omnia.Core.Tests.Import;

public class ColumnMapTests
{
    private const string LoyaltyExport = """
        Member No,Contact,Tier,SSN
        M-77,ana@example.com,gold,123-45-6789
        """;

    [Fact]
    public void Column_map_renames_columns_to_identifiers_and_traits()
    {
        var map = new Dictionary<string, string> { ["member no"] = "user_id", ["Contact"] = "email", ["Tier"] = "Loyalty Tier" };

        var ana = Assert.Single(Imported(LoyaltyExport, ForCustomers() with { ColumnMap = map }));

        Assert.Equal("M-77", ana.Text("userId"));
        Assert.Equal("ana@example.com", ana.Text("traits.email"));
        Assert.Equal("gold", ana.Text("traits.loyalty_tier"));
        Assert.False(ana.Has("traits.tier"));
    }

    [Fact]
    public void Column_map_to_an_empty_name_drops_the_column()
    {
        var map = new Dictionary<string, string> { ["Contact"] = "email", ["SSN"] = "" };

        var ana = Assert.Single(Imported(LoyaltyExport, ForCustomers() with { ColumnMap = map }));

        Assert.False(ana.Has("traits.ssn"));
        Assert.Equal("M-77", ana.Text("traits.member_no"));
    }

    [Fact]
    public void Column_map_naming_a_column_the_file_lacks_is_rejected()
    {
        var map = new Dictionary<string, string> { ["Contact"] = "email", ["Member Number"] = "user_id" };

        var error = Assert.Throws<CsvImportException>(() => Rows(LoyaltyExport, ForCustomers() with { ColumnMap = map }));

        Assert.Contains("'Member Number'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'Member No'", error.Message, StringComparison.Ordinal);
    }
}
