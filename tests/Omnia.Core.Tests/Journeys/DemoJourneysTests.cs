using Omnia.Core.Content;
using Omnia.Core.Demo;
using Omnia.Core.Journeys;

namespace Omnia.Core.Tests.Journeys;

public class DemoJourneysTests
{
    [Fact]
    public void Every_demo_journey_is_valid_and_sends_only_demo_content_that_has_the_channels_it_is_sent_on()
    {
        var content = DemoJourneys.Content.ToDictionary(c => c.Slug, c => ContentItem.Parse(c.Json));
        Assert.All(content, c => Assert.True(c.Value.IsValid, $"{c.Key}: {string.Join("; ", c.Value.Errors)}"));

        foreach (var (slug, _, json) in DemoJourneys.Others.Prepend((DemoJourneys.AbandonedCartSlug, "Abandoned cart", DemoJourneys.AbandonedCart())))
        {
            var parsed = JourneyDefinition.Parse(json);
            Assert.True(parsed.IsValid, $"{slug}: {string.Join("; ", parsed.Errors)}");
            var chosen = parsed.Definition!.Nodes.OfType<ChooseChannelStep>().SelectMany(c => c.Channels).ToList();
            foreach (var send in parsed.Definition.Nodes.OfType<SendStep>())
            {
                Assert.True(content.ContainsKey(send.Content), $"{slug} sends '{send.Content}', which the demo does not ship");
                var compiled = CompiledContent.Compile(content[send.Content].Content!);
                foreach (var channel in send.Channel == SendStep.Chosen ? chosen : [send.Channel])
                    Assert.True(compiled.Has(channel), $"{slug}: '{send.Content}' has no {channel} variant");
            }
        }
    }
}
