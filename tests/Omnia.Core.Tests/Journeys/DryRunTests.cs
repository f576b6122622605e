using Omnia.Core.Events;
using System.Text.Json;
using Omnia.Core.Journeys;
using Omnia.Core.Segments;
using static Omnia.Core.Tests.Journeys.TestJourneys;

namespace Omnia.Core.Tests.Journeys;

public class DryRunTests
{
    private static readonly DateTimeOffset From = new(2025, 5, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = From.AddDays(14);

    [Fact]
    public void Replaying_generated_cart_history_sends_exactly_the_reminders_the_rule_calls_for()
    {
        var journey = Compile(JourneyExamples.AbandonedCart);
        var random = new Random(1234);
        var histories = Enumerable.Range(1, 300).Select(id => CartHistory(id, random)).ToList();

        var report = JourneyDryRun.Run(journey, histories, new DryRunOptions(From, To));

        var expected = histories.SelectMany(ExpectedReminders).OrderBy(r => r.At).ThenBy(r => r.Profile).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, report.Messages.Select(m => new Reminder(m.ProfileId, m.EntryKey!, m.At)));
        Assert.All(report.Messages, m => Assert.Equal(("cart-reminder", "email"), (m.Content, m.Channel)));
        Assert.Equal(report.Entries, histories.Sum(h => FirstAdds(h).Count()));
        var orderedInTime = histories.Sum(h => FirstAdds(h).Count(add => OrderedBefore(h, add, Min(add.Timestamp.AddHours(1), To))));
        Assert.Equal(orderedInTime, report.Exits.GetValueOrDefault(ExitReason.ExitCriterion));
        Assert.True(report.Refusals[EntryOutcome.AlreadyEntered] > 0);
        Assert.Equal(report.Messages.Count, report.Messages.Select(m => m.Key).Distinct().Count());
    }

    [Fact]
    public void A_dry_run_of_one_profile_shows_what_was_sent_what_was_refused_and_why_instances_ended()
    {
        var journey = Compile(JourneyExamples.AbandonedCart);
        var history = new ProfileHistory(Profile(5),
        [
            Event("Product Added", From.AddHours(1), new { cart_id = "a" }),
            Event("Product Added", From.AddHours(1.2), new { cart_id = "a" }),
            Event("Product Added", From.AddHours(3), new { cart_id = "b" }),
            Event("Order Completed", From.AddHours(3.5), new { cart_id = "b" }),
        ]);

        var run = JourneyDryRun.Run(journey, history, new DryRunOptions(From, To));

        var email = Assert.Single(run.Messages);
        Assert.Equal(("a", From.AddHours(2)), (email.EntryKey, email.At));
        Assert.Equal(EntryOutcome.AlreadyEntered, Assert.Single(run.Refused).Outcome);
        Assert.Equal([ExitReason.Completed, ExitReason.ExitCriterion], run.Instances.Select(i => i.ExitReason!.Value));
    }

    [Fact]
    public void A_win_back_dry_run_follows_segment_changes_holds_out_the_control_group_and_measures_uplift()
    {
        var journey = Compile(JourneyExamples.WinBack, journeyId: 31);
        var random = new Random(99);
        var histories = Enumerable.Range(1, 400).Select(id =>
        {
            var entered = From.AddHours(random.Next(0, 24 * 10));
            var events = random.NextDouble() < 0.3 ? new[] { Event("Order Completed", entered.AddDays(random.Next(1, 20))) } : [];
            return new ProfileHistory(Profile(id), events)
            {
                SegmentChanges = [new SegmentChange("lapsed-vips", true, entered)],
            };
        }).ToList();

        var report = JourneyDryRun.Run(journey, histories, new DryRunOptions(From, From.AddDays(60)));

        var control = report.Profiles.Where(p => p.Instances.Single().Variants.Single().Variant == "control").ToList();
        Assert.InRange(control.Count, 20, 65); // about 10% of 400
        Assert.All(control, p => Assert.Empty(p.Messages));
        Assert.Equal(400 - control.Count, report.MessagesByContent[("winback-offer", "email")]);
        var conversions = report.Conversions;
        Assert.Equal(histories.Count(h => h.Events.Count > 0 && h.Events[0].Timestamp < h.SegmentChanges[0].At.AddDays(30)), conversions.Journey.Converted);
        var uplift = conversions.Uplift("holdout")!;
        Assert.Equal(control.Count, uplift.Control.Entered);
        Assert.True(uplift.AbsoluteLow < 0 && uplift.AbsoluteHigh > 0); // the orders were drawn without regard to the journey
    }

    [Fact]
    public void A_birthday_dry_run_enters_on_the_birthday_in_the_profiles_zone_following_trait_changes()
    {
        var journey = Compile(JourneyExamples.Birthday);
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var history = new ProfileHistory(Profile(8).WithTrait("birthday", "1990-05-03"), [])
        {
            TimeZone = newYork,
            Traits = [new TraitSnapshot(From.AddDays(5), new Dictionary<string, JsonElement> { ["birthday"] = JsonSerializer.SerializeToElement("1990-05-10") })],
        };

        var run = JourneyDryRun.Run(journey, history, new DryRunOptions(From, From.AddDays(30)));

        Assert.Equal(
            [new DateTimeOffset(2025, 5, 3, 13, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 5, 10, 13, 0, 0, TimeSpan.Zero)],
            run.Messages.Select(m => m.At));
    }

    [Fact]
    public void A_broadcast_dry_run_reaches_those_in_the_segment_at_each_issue()
    {
        var journey = Compile(JourneyExamples.WeeklyNewsletter);
        var history = new ProfileHistory(Profile(3), [])
        {
            SegmentChanges =
            [
                new SegmentChange("newsletter", true, From.AddDays(-30)),
                new SegmentChange("newsletter", false, From.AddDays(8)),
            ],
        };

        var run = JourneyDryRun.Run(journey, history, new DryRunOptions(From, To));

        // Mondays 5 and 12 May 2025 at 09:00 CEST; they left the segment on 9 May.
        Assert.Equal([new DateTimeOffset(2025, 5, 5, 7, 0, 0, TimeSpan.Zero)], run.Messages.Select(m => m.At));
    }

    private sealed record Reminder(long Profile, string Cart, DateTimeOffset At);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    /// <summary>Whether the cart of <paramref name="add"/> was ordered at or after the add and before <paramref name="until"/>.</summary>
    private static bool OrderedBefore(ProfileHistory history, ProfileEvent add, DateTimeOffset until) =>
        history.Events.Any(e => e.Name == "Order Completed"
            && e.Properties["cart_id"].String == add.Properties["cart_id"].String
            && e.Timestamp >= add.Timestamp && e.Timestamp < until);

    /// <summary>A profile adding to a few carts over two weeks (some adds before the period), ordering some in time, some late.</summary>
    private static ProfileHistory CartHistory(int id, Random random)
    {
        var events = new List<Omnia.Core.Segments.ProfileEvent>();
        for (var cart = 0; cart < random.Next(0, 4); cart++)
        {
            var key = $"p{id}-c{cart}";
            var added = From.AddMinutes(random.Next(-600, 14 * 24 * 60));
            events.Add(Event("Product Added", added, new { cart_id = key, name = "item" }));
            if (random.NextDouble() < 0.4)
                events.Add(Event("Product Added", added.AddMinutes(random.Next(0, 90)), new { cart_id = key, name = "more" }));
            var roll = random.NextDouble();
            if (roll < 0.3)
                events.Add(Event("Order Completed", added.AddMinutes(random.Next(0, 60)), new { cart_id = key }));
            else if (roll < 0.5)
                events.Add(Event("Order Completed", added.AddMinutes(random.Next(60, 600)), new { cart_id = key }));
            else if (roll < 0.6)
                events.Add(Event("Order Completed", added.AddMinutes(random.Next(0, 60)), new { cart_id = "someone-else" }));
        }
        return new ProfileHistory(Profile(id), events);
    }

    /// <summary>The first add of each cart within the period.</summary>
    private static IEnumerable<ProfileEvent> FirstAdds(ProfileHistory history) =>
        history.Events.Where(e => e.Name == "Product Added" && e.Timestamp >= From && e.Timestamp < To)
            .OrderBy(e => e.Timestamp)
            .GroupBy(e => e.Properties["cart_id"].String)
            .Select(g => g.First());

    /// <summary>The rule, stated independently: a reminder an hour after a cart's first add unless that cart was ordered within the hour.</summary>
    private static IEnumerable<Reminder> ExpectedReminders(ProfileHistory history)
    {
        foreach (var add in FirstAdds(history))
        {
            var due = add.Timestamp.AddHours(1);
            if (!OrderedBefore(history, add, due) && due < To)
                yield return new Reminder(history.Profile.Id, add.Properties["cart_id"].String!, due);
        }
    }
}
