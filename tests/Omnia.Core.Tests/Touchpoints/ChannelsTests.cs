using Omnia.Core.Touchpoints;

namespace Omnia.Core.Tests.Touchpoints;

public class ChannelsTests
{
    [Fact]
    public void All_lists_nineteen_distinct_known_codes()
    {
        Assert.Equal(19, Channels.All.Distinct().Count());
        Assert.All(Channels.All, code => Assert.True(Channels.IsKnown(code), code));
        Assert.False(Channels.IsKnown("Email"));
    }

    [Theory]
    [InlineData(Channels.OrganicSearch, "Organic search")]
    [InlineData(Channels.PaidSocial, "Paid social")]
    [InlineData(Channels.Sms, "SMS")]
    [InlineData(Channels.DirectMail, "Direct mail")]
    [InlineData(Channels.Tv, "TV")]
    [InlineData(Channels.InApp, "In-app")]
    [InlineData("carrier_pigeon", "carrier_pigeon")]
    public void Display_name_reads_as_a_person_would_write_it(string code, string name)
    {
        Assert.Equal(name, Channels.DisplayName(code));
    }

    [Fact]
    public void Every_code_has_its_own_display_name()
    {
        var names = Channels.All.Select(Channels.DisplayName).ToList();

        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.DoesNotContain(names, name => name.Contains('_', StringComparison.Ordinal));
    }
}
