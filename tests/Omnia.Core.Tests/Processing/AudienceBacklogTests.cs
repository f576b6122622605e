using Omnia.Core.Audiences;
using Omnia.Core.Events;
using Omnia.Core.Identity;
using Omnia.Core.Processing;
using Omnia.Core.Profiles;

namespace Omnia.Core.Tests.Processing;

public class AudienceBacklogTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Under_a_lasting_backlog_profiles_are_decided_in_the_order_they_changed_so_none_waits_forever()
    {
        // 1,000 people change, then every round decides 50 while 60 more change: a backlog that keeps growing, as under
        // sustained load. The last of the first 1,000 must be decided after about 1,000 / 50 rounds, not be overtaken
        // again and again by people who changed after it.
        var state = new DerivedState(null!, null!);
        var processor = new DerivedProcessor(state, _ => ProcessingRules.Default);
        var model = AudienceModel.Empty(1);
        long seq = 0;
        var people = 0;
        void Change(int count)
        {
            var events = new List<LogEvent>(count);
            for (var i = 0; i < count; i++, people++)
            {
                seq++;
                events.Add(new LogEvent(seq, 1, 1, $"m-{seq}", EventType.Track, "Product Viewed", $"u-{people}", null, Now, Now,
                    $$$"""{"type":"track","event":"Product Viewed","userId":"u-{{{people}}}","properties":{}}"""));
            }

            processor.Apply(events, Now);
        }

        Change(1_000);
        long last = (await state.FindAsync(1, new Identifier(IdentifierTypes.UserId, "u-999")))!.Value;
        int rounds = 0;
        while (processor.Dirty.Contains(last) && rounds < 100)
        {
            processor.RunAudiences([model], Now, budget: 50);
            processor.DrainTransitions();
            Change(60);
            rounds++;
        }

        Assert.False(processor.Dirty.Contains(last), $"u-999 was still waiting after {rounds} rounds");
        Assert.InRange(rounds, 1, 21);
        Assert.True(processor.DirtyCount > 1_000, "the backlog kept growing, as intended");
    }
}
