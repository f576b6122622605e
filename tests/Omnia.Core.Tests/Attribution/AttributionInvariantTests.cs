using Omnia.Core.Attribution;
using static Omnia.Core.Tests.Attribution.Journeys;

namespace Omnia.Core.Tests.Attribution;

/// <summary>What every model must respect, on generated paths with fixed seeds.</summary>
public sealed class AttributionInvariantTests
{
    private static readonly string[] Channels = ["search", "email", "social", "display", "direct", "sms"];

    public static TheoryData<string> Models() => [.. AttributionModel.All.Select(m => m.Name)];

    private static AttributionModel Model(string name) => AttributionModel.TryParse(name, out var model) ? model : throw new ArgumentException(name);

    [Theory]
    [MemberData(nameof(Models))]
    public void Credits_sum_to_the_total_conversions_and_value(string name)
    {
        foreach (int seed in new[] { 1, 2, 3 })
        {
            var paths = Of([.. Random(seed, 500, Channels, maxLength: 9)]);

            var credits = AttributionEngine.Run(paths, [Model(name)]).Models[0];

            Assert.Equal(paths.TotalConversions, credits.Conversions.Sum(), 1e-9 * paths.TotalConversions);
            Assert.Equal(paths.TotalValue, credits.Value.Sum(), 1e-9 * paths.TotalValue);
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Channels_that_play_the_same_part_get_the_same_credit(string name)
    {
        // Every journey also happens with email and social swapped, with the same counts and touch times.
        var builder = new PathSetBuilder();
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        foreach (var row in Random(7, 300, Channels, maxLength: 7))
        {
            var touches = Touches(row.Path).Select((t, i) => t with { Timestamp = start.AddHours(i * 5 + row.Path.Length) }).ToArray();
            builder.Add(touches, row.Conversions, row.Value, row.Nulls);
            builder.Add([.. touches.Select(t => t with { Channel = t.Channel switch { "email" => "social", "social" => "email", var c => c } })], row.Conversions, row.Value, row.Nulls);
        }

        var report = AttributionEngine.Run(builder.Build(), [Model(name)]);
        var credits = Credits(report, Model(name));

        Assert.True(credits["email"].Conversions > 0);
        Assert.Equal(credits["email"].Conversions, credits["social"].Conversions, 1e-9 * credits["email"].Conversions);
        Assert.Equal(credits["email"].Value, credits["social"].Value, 1e-9 * credits["email"].Value);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void A_channel_on_no_path_gets_nothing(string name)
    {
        var builder = new PathSetBuilder();
        builder.ChannelId("tv");
        foreach (var row in Random(8, 200, Channels))
        {
            builder.Add(Touches(row.Path), row.Conversions, row.Value, row.Nulls);
        }

        var report = AttributionEngine.Run(builder.Build(), [Model(name)]);

        int tv = report.Keys.ToList().IndexOf(new AttributionKey("tv"));
        Assert.Equal(0, report.Models[0].Conversions[tv]);
        Assert.Equal(0, report.Models[0].Value[tv]);
        Assert.True(report.Models[0].Conversions.Sum() > 0);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Campaign_credits_add_up_to_their_channel_credits_for_rule_based_models(string name)
    {
        var model = Model(name);
        if (model.Kind is AttributionModelKind.Markov or AttributionModelKind.Shapley)
        {
            return; // Data-driven models see campaigns as states of their own; their channel sums differ by design.
        }

        var random = new Random(9);
        var builder = new PathSetBuilder();
        foreach (var row in Random(9, 300, Channels))
        {
            builder.Add([.. Touches(row.Path).Select(t => t with { Campaign = random.Next(3) switch { 0 => null, var c => $"{t.Channel}-{c}" } })], row.Conversions, row.Value, row.Nulls);
        }

        var paths = builder.Build();
        var channels = AttributionEngine.Run(paths, [model]);
        var campaigns = AttributionEngine.Run(paths, [model], AttributionOptions.Default with { Level = AttributionLevel.Campaign });

        Assert.True(campaigns.Keys.Count > channels.Keys.Count);
        for (int c = 0; c < channels.Keys.Count; c++)
        {
            double sum = campaigns.Keys.Select((k, i) => (k, i)).Where(x => x.k.Channel == channels.Keys[c].Channel).Sum(x => campaigns.Models[0].Conversions[x.i]);
            Assert.Equal(channels.Models[0].Conversions[c], sum, 1e-9);
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Merging_identical_journeys_changes_no_credit(string name)
    {
        var rows = Random(10, 200, Channels);
        var once = Of([.. rows, .. rows]);
        var doubled = Of([.. rows.Select(r => r with { Conversions = 2 * r.Conversions, Value = 2 * r.Value, Nulls = 2 * r.Nulls })]);

        var a = AttributionEngine.Run(once, [Model(name)]).Models[0];
        var b = AttributionEngine.Run(doubled, [Model(name)]).Models[0];

        Assert.Equal(once.Count, doubled.Count);
        Assert.Equal(400, once.Journeys);
        for (int k = 0; k < a.Conversions.Count; k++)
        {
            Assert.Equal(b.Conversions[k], a.Conversions[k], 1e-9);
            Assert.Equal(b.Value[k], a.Value[k], 1e-7);
        }
    }
}
