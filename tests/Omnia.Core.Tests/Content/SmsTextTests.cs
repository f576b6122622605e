using Omnia.Core.Content;

namespace Omnia.Core.Tests.Content;

public class SmsTextTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(160, 1)]
    [InlineData(161, 2)]
    [InlineData(306, 2)]
    [InlineData(307, 3)]
    [InlineData(459, 3)]
    [InlineData(460, 4)]
    public void Gsm7_text_fits_160_characters_in_one_segment_and_153_per_segment_when_split(int length, int segments)
    {
        var measured = SmsText.Measure(new string('a', length));

        Assert.Equal((SmsEncoding.Gsm7, length, segments), (measured.Encoding, measured.Units, measured.Segments));
    }

    [Theory]
    [InlineData(70, 1)]
    [InlineData(71, 2)]
    [InlineData(134, 2)]
    [InlineData(135, 3)]
    public void Ucs2_text_fits_70_code_units_in_one_segment_and_67_per_segment_when_split(int length, int segments)
    {
        var measured = SmsText.Measure(new string('ł', length));

        Assert.Equal((SmsEncoding.Ucs2, length, segments), (measured.Encoding, measured.Units, measured.Segments));
        Assert.Equal(["ł"], measured.NonGsmCharacters);
    }

    [Fact]
    public void Gsm7_extension_characters_count_double()
    {
        Assert.Equal((SmsEncoding.Gsm7, 160, 1), Shape(new string('€', 80)));
        Assert.Equal((SmsEncoding.Gsm7, 162, 2), Shape(new string('€', 81)));
        Assert.Equal((SmsEncoding.Gsm7, 18, 1), Shape("{[~^|\\]}€"));
    }

    [Fact]
    public void An_escape_pair_is_never_split_so_it_can_add_a_segment()
    {
        var text = new string('a', 152) + "€" + new string('a', 152);

        Assert.Equal((SmsEncoding.Gsm7, 306, 3), Shape(text));
    }

    [Fact]
    public void An_emoji_forces_ucs2_and_takes_two_code_units_that_are_never_split()
    {
        Assert.Equal((SmsEncoding.Ucs2, 5, 1), Shape("Hi 😀"));
        var straddling = new string('ł', 66) + "😀" + new string('ł', 66);
        Assert.Equal((SmsEncoding.Ucs2, 134, 3), Shape(straddling));
    }

    [Fact]
    public void Accented_letters_of_the_gsm_alphabet_stay_gsm7_and_others_force_ucs2()
    {
        Assert.Equal(SmsEncoding.Gsm7, SmsText.Measure("Café für Müller, señor: Ñu à 5£ ¥ § ¿¡ ΔΩ").Encoding);
        var curly = SmsText.Measure("It’s here");
        Assert.Equal(SmsEncoding.Ucs2, curly.Encoding);
        Assert.Equal(["’"], curly.NonGsmCharacters);
        Assert.Equal("'", SmsText.GsmLookalike("’"));
        Assert.Equal(SmsEncoding.Ucs2, SmsText.Measure("ç").Encoding);
    }

    private static (SmsEncoding, int, int) Shape(string text)
    {
        var m = SmsText.Measure(text);
        return (m.Encoding, m.Units, m.Segments);
    }
}
