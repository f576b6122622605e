namespace Omnia.Core.Demo;

/// <summary>
/// Plays one customer's life over the window, a day at a time: visits on their devices and in store,
/// the brand's messages to them, support tickets. Yields their events in timestamp order, lazily.
/// </summary>
internal static class CustomerScript
{
    private const double SupportTicketsPerDay = 0.003;

    private enum Kind
    {
        FirstVisit,
        WebVisit,
        AppVisit,
        StoreVisit,
        BorrowedVisit,
        Message,
        AbandonedCartEmail,
        SupportTicket,
    }

    private readonly record struct Activity(DateTimeOffset At, Kind Kind, Campaign? Campaign = null);

    public static IEnumerable<DemoEvent> Run(Customer customer, DemoWorld world)
    {
        var s = new CustomerState(customer, world);
        var window = world.Window;
        var firstDay = customer.BorrowedDevice is null ? customer.ActiveFrom : Math.Min(customer.ActiveFrom, customer.BorrowDay);
        var activities = new List<Activity>();
        for (var day = firstDay; day < window.Days; day++)
        {
            if (customer.NeverIdentifies && day >= customer.ActiveUntil && s.Pending.Count == 0)
            {
                yield break;
            }

            Plan(s, day, activities);
            activities.Sort((a, b) => a.At.CompareTo(b.At));
            foreach (var activity in activities)
            {
                Execute(s, activity);
            }

            activities.Clear();
            // Anything planned later than the window's end (an email opened tomorrow) is dropped.
            var boundary = day == window.Days - 1 ? window.End.AddTicks(1) : window.DayStart(day + 1);
            while (s.Pending.TryTakeBefore(boundary, out var e))
            {
                yield return e;
            }
        }
    }

    private static void Plan(CustomerState s, int day, List<Activity> plan)
    {
        var (customer, behaviour, rng, window) = (s.Customer, s.Behaviour, s.Rng, s.World.Window);
        var utcOffset = customer.City.UtcOffsetMinutes;
        if (day >= customer.ActiveFrom && day < customer.ActiveUntil)
        {
            if (day == customer.ActiveFrom)
            {
                var minute = customer.Devices[0].IsApp ? Rhythm.AppMinute(rng) : Rhythm.WebMinute(rng);
                plan.Add(new Activity(window.LocalMoment(day, minute, utcOffset), Kind.FirstVisit));
            }
            else
            {
                for (var n = rng.Poisson(behaviour.WebVisitsPerDay); n > 0; n--)
                {
                    plan.Add(new Activity(window.LocalMoment(day, Rhythm.WebMinute(rng), utcOffset), Kind.WebVisit));
                }

                for (var n = s.AppDevice is null ? 0 : rng.Poisson(behaviour.AppVisitsPerDay); n > 0; n--)
                {
                    plan.Add(new Activity(window.LocalMoment(day, Rhythm.AppMinute(rng), utcOffset), Kind.AppVisit));
                }

                if (customer.City.HomeStore is not null && rng.Chance(behaviour.StoreVisitsPerDay))
                {
                    plan.Add(new Activity(window.LocalMoment(day, Rhythm.StoreMinute(rng), utcOffset), Kind.StoreVisit));
                }

                if (s.Orders > 0 && rng.Chance(SupportTicketsPerDay))
                {
                    plan.Add(new Activity(window.LocalMoment(day, Rhythm.OfficeMinute(rng), utcOffset), Kind.SupportTicket));
                }
            }
        }

        if (s.Borrowed is not null && day == customer.BorrowDay)
        {
            plan.Add(new Activity(window.LocalMoment(day, Rhythm.WebMinute(rng), utcOffset), Kind.BorrowedVisit));
        }

        foreach (var campaign in s.World.Calendar.On(day))
        {
            plan.Add(new Activity(campaign.SendAt, Kind.Message, campaign));
        }

        if (s.AbandonedCart is { } cart)
        {
            var cartDay = window.DayOf(cart.At);
            if (cartDay + 1 == day)
            {
                plan.Add(new Activity(window.LocalMoment(day, 10 * 60 + rng.Next(60), utcOffset), Kind.AbandonedCartEmail));
            }
            else if (cartDay + 1 < day)
            {
                s.AbandonedCart = null;
            }
        }
    }

    private static void Execute(CustomerState s, Activity activity)
    {
        var (customer, rng, at) = (s.Customer, s.Rng, activity.At);
        switch (activity.Kind)
        {
            case Kind.FirstVisit when s.Devices[0].Device.IsApp:
                AppVisit.Run(s, s.Devices[0], at);
                break;
            case Kind.FirstVisit:
                WebVisit.Run(s, s.Devices[0], at, ArrivalFor(s));
                break;
            case Kind.WebVisit when s.PickWebDevice(rng.Chance(s.Behaviour.MobileShare)) is { } browser:
                WebVisit.Run(s, browser, at, ArrivalFor(s));
                break;
            case Kind.AppVisit when s.AppDevice is { } app:
                AppVisit.Run(s, app, at);
                break;
            case Kind.StoreVisit when customer.City.HomeStore is { } store:
                StoreVisit.Run(s, store, at);
                break;
            case Kind.BorrowedVisit when s.Borrowed is { } borrowed:
                WebVisit.Run(s, borrowed, at, Traffic.For(Arrival.Direct, rng, s.PickProduct));
                break;
            case Kind.SupportTicket:
                SupportDesk.Run(s, at);
                break;
            case Kind.AbandonedCartEmail when s.AbandonedCart is { } cart:
                s.AbandonedCart = null;
                if (s.IsKnownAt(at) && s.EmailSubscribed)
                {
                    var reminder = new Campaign("abandoned_cart", CampaignChannel.Email, "You left something in your cart", WebPage.Cart, null, at);
                    EmailMessages.Send(s, reminder, at, cart.Lines);
                }

                break;
            case Kind.Message when activity.Campaign is { } campaign:
                Deliver(s, campaign, at);
                break;
        }
    }

    private static void Deliver(CustomerState s, Campaign campaign, DateTimeOffset at)
    {
        if (!s.IsKnownAt(at))
        {
            return;
        }

        var day = s.World.Window.DayOf(at);
        switch (campaign.Channel)
        {
            case CampaignChannel.Email when s.EmailSubscribed && (!campaign.LapsedOnly || IsLapsed(s, day)):
                EmailMessages.Send(s, campaign, at);
                break;
            case CampaignChannel.Sms when s.SmsSubscribed:
                SmsMessages.Send(s, campaign, at);
                break;
            case CampaignChannel.Push when s.AppDevice is { Identified: true } app && day < s.Customer.ActiveUntil && s.Rng.Chance(0.15):
                AppVisit.Run(s, app, at.AddMinutes(s.Rng.Next(1, 240)), campaign);
                break;
        }
    }

    private static bool IsLapsed(CustomerState s, int day) =>
        s.Customer.Persona == Persona.LapsedVip ? day >= s.Customer.ActiveUntil : s.Customer.CreatedAt is not null && s.Orders == 0;

    private static VisitSource ArrivalFor(CustomerState s) =>
        Traffic.For(s.Rng.PickWeighted(s.Behaviour.Arrivals), s.Rng, s.PickProduct);
}
