using Omnia.Core.Events;
using System.Text.Json;
using Omnia.Core.Journeys;
using static Omnia.Core.Tests.Journeys.TestJourneys;

namespace Omnia.Core.Tests.Journeys;

public class AbandonedCartTests
{
    private static readonly CompiledJourney Journey = Compile(JourneyExamples.AbandonedCart);

    private static readonly object Cart1 = new { cart_id = "c1", name = "Trailblazer hiking boot", price = 129.0 };

    [Fact]
    public void An_unordered_cart_gets_one_email_naming_the_item_an_hour_after_the_add()
    {
        var driver = new Driver(Journey).Event("Product Added", T0, Cart1);

        Assert.Empty(driver.Sent);
        Assert.Equal(T0.AddHours(1), driver.Instance.WakeAt);
        driver.Clock(T0.AddMinutes(59));
        Assert.Empty(driver.Sent);
        driver.Clock(T0.AddHours(1));

        var email = Assert.Single(driver.Sent);
        Assert.Equal(("cart-reminder", "email", "c1", T0.AddHours(1)), (email.Content, email.Channel, email.EntryKey, email.At));
        Assert.Equal("Trailblazer hiking boot", email.EntryProperties["name"].String);
        Assert.Equal("7:1:1:reminder:1:send", email.Key);
        Assert.Equal(ExitReason.Completed, driver.Instance.ExitReason);
    }

    [Fact]
    public void An_order_of_the_cart_within_the_hour_sends_nothing()
    {
        var driver = new Driver(Journey)
            .Event("Product Added", T0, Cart1)
            .Event("Order Completed", T0.AddMinutes(40), new { cart_id = "c1", revenue = 129 })
            .Clock(T0.AddDays(8));

        Assert.Empty(driver.Sent);
        Assert.Equal(ExitReason.ExitCriterion, driver.Instance.ExitReason);
        Assert.Equal(InstanceStatus.Exited, driver.Instance.Status);
        Assert.Single(driver.Effects.OfType<GoalReached>());
    }

    [Fact]
    public void An_order_of_another_cart_does_not_stop_the_email()
    {
        var driver = new Driver(Journey)
            .Event("Product Added", T0, Cart1)
            .Event("Order Completed", T0.AddMinutes(40), new { cart_id = "c2" })
            .Clock(T0.AddHours(2));

        Assert.Single(driver.Sent);
        Assert.Empty(driver.Effects.OfType<GoalReached>());
    }

    [Fact]
    public void A_second_add_to_the_same_cart_starts_nothing_new_and_sends_one_email()
    {
        var driver = new Driver(Journey)
            .Event("Product Added", T0, Cart1)
            .Event("Product Added", T0.AddMinutes(10), new { cart_id = "c1", name = "Wool socks" })
            .Clock(T0.AddHours(3))
            .Event("Product Added", T0.AddHours(4), new { cart_id = "c1", name = "Rain jacket" })
            .Clock(T0.AddHours(6));

        Assert.Single(driver.Instances);
        Assert.Single(driver.Sent);
        Assert.Equal([EntryOutcome.Entered, EntryOutcome.AlreadyEntered, EntryOutcome.AlreadyEntered], driver.Decisions.Select(d => d.Outcome));
    }

    [Fact]
    public void The_one_email_carries_every_add_to_its_cart_before_it_and_none_of_another_cart()
    {
        var driver = new Driver(Journey)
            .Event("Product Added", T0, Cart1)
            .Event("Product Added", T0.AddMinutes(10), new { cart_id = "c1", name = "Wool socks" })
            .Event("Product Added", T0.AddMinutes(20), new { cart_id = "c9", name = "Kayak" })
            .Clock(T0.AddHours(2));

        var email = driver.Sent.Single(s => s.EntryKey == "c1");
        Assert.Equal("Trailblazer hiking boot", email.EntryProperties["name"].String);
        Assert.Equal(["Wool socks"], email.KeyedEvents!.Select(p => p["name"].String));

        var model = new Omnia.Core.Content.RenderModel().ForJourney("Abandoned cart", 7, 1, email);
        var names = model.Journey["events"].Items.Select(i => JsonDocument.Parse(i.ObjectJson!).RootElement.GetProperty("name").GetString());
        Assert.Equal(["Trailblazer hiking boot", "Wool socks"], names);
    }

    [Fact]
    public void Each_cart_gets_its_own_instance_and_its_own_email()
    {
        var driver = new Driver(Journey)
            .Event("Product Added", T0, Cart1)
            .Event("Product Added", T0.AddMinutes(5), new { cart_id = "c2", name = "Tent" })
            .Event("Order Completed", T0.AddMinutes(30), new { cart_id = "c1" })
            .Clock(T0.AddHours(2));

        var email = Assert.Single(driver.Sent);
        Assert.Equal("c2", email.EntryKey);
        Assert.Equal(T0.AddMinutes(65), email.At);
    }

    [Fact]
    public void An_add_without_a_cart_id_does_not_enter()
    {
        var driver = new Driver(Journey).Event("Product Added", T0, new { name = "Tent" });

        Assert.Empty(driver.Instances);
        Assert.Equal(EntryOutcome.MissingKey, Assert.Single(driver.Decisions).Outcome);
    }

    [Fact]
    public void An_order_stamped_after_the_hour_sends_the_email_even_when_it_arrives_before_the_timer()
    {
        // The engine's timer is late; the order's timestamp says the hour had already passed without one.
        var driver = new Driver(Journey)
            .Event("Product Added", T0, Cart1)
            .Event("Order Completed", T0.AddMinutes(61), new { cart_id = "c1" });

        var email = Assert.Single(driver.Sent);
        Assert.Equal(T0.AddHours(1), email.At);
        Assert.Equal(T0.AddMinutes(61), Assert.Single(driver.Effects.OfType<GoalReached>()).At);
    }

    [Fact]
    public void An_order_after_the_email_counts_as_a_conversion_for_the_steps_it_passed()
    {
        var driver = new Driver(Journey)
            .Event("Product Added", T0, Cart1)
            .Clock(T0.AddHours(1))
            .Event("Order Completed", T0.AddDays(2), new { cart_id = "c1" });

        var goal = Assert.Single(driver.Effects.OfType<GoalReached>());
        Assert.Equal(["wait-for-order", "reminder", "done"], goal.VisitedNodes);
        Assert.Equal(T0.AddDays(2), driver.Instance.ConvertedAt);
        Assert.Equal(InstanceStatus.Exited, driver.Instance.Status);
    }

    [Fact]
    public void An_order_after_the_goal_window_is_no_conversion()
    {
        var driver = new Driver(Journey)
            .Event("Product Added", T0, Cart1)
            .Event("Order Completed", T0.AddDays(7), new { cart_id = "c1" });

        Assert.Empty(driver.Effects.OfType<GoalReached>());
        Assert.Equal(InstanceStatus.Exited, driver.Instance.Status);
    }

    [Fact]
    public void Replaying_the_same_inputs_gives_the_same_effects_and_keys()
    {
        static List<string> Run() => new Driver(Journey)
            .Event("Product Added", T0, Cart1)
            .Clock(T0.AddHours(1))
            .Effects.Select(e => $"{e.GetType().Name} {e.Key} {e.At:O}").ToList();

        var first = Run();
        Assert.Equal(first, Run());
        Assert.Equal(first.Count, first.Distinct().Count());
    }

    [Fact]
    public void An_instance_stored_as_json_reads_back_equal_and_runs_on()
    {
        var driver = new Driver(Journey).Event("Product Added", T0, Cart1);
        var json = JsonSerializer.Serialize(driver.Instance);

        var stored = JsonSerializer.Deserialize<JourneyInstance>(json)!;

        Assert.Equal(driver.Instance, stored);
        var progress = JourneyRuntime.Advance(Journey, stored, JourneyInput.Time(T0.AddHours(1)), Context());
        Assert.Single(progress.Effects.OfType<SendMessage>());
    }
}
