using System.Globalization;
using System.Text.Json;

namespace Omnia.Core.Demo;

/// <summary>
/// Sign-up and sign-in on a device: the identify call (full traits the first time, the email on later
/// devices), the <c>Signed Up</c>/<c>Signed In</c> track, and the consent choices made while signing up.
/// </summary>
internal static class Accounts
{
    /// <summary>Signs the customer in on <paramref name="device"/> at <paramref name="at"/>; returns when it is done.</summary>
    public static DateTimeOffset SignIn(CustomerState s, DeviceState device, DateTimeOffset at, DemoContext context)
    {
        var customer = s.Customer;
        device.Identified = true;
        var ids = s.IdsOn(device);
        var firstTime = s.KnownAt is null;
        s.KnownAt ??= at;
        var createdAt = customer.CreatedAt ?? at;
        var isSignUp = firstTime && customer.CreatedAt is null;
        s.Emit(DemoEvent.Identify(at, ids, context, firstTime ? FullTraits(customer, s.LoyaltyTier, createdAt, s.EmailSubscribed) : LoginTraits(customer)));
        at = at.AddMilliseconds(350);
        var method = device.Device.IsApp && s.Rng.Chance(0.3) ? "apple" : "email";
        s.Emit(DemoEvent.Track(at, ids, isSignUp ? "Signed Up" : "Signed In", context, w =>
        {
            w.WriteString("method", method);
            w.WriteString("username", customer.Email);
        }));
        if (isSignUp && customer.Phone is not null && s.Rng.Chance(0.35))
        {
            at = at.AddSeconds(s.Rng.Next(5, 40));
            s.SmsSubscribed = true;
            s.Emit(DemoEvent.Track(at, ids, "Subscription Updated", context, SubscriptionProperties("sms", true)));
        }

        return at;
    }

    /// <summary>An identify that only updates the loyalty tier, sent after the order that raised it.</summary>
    public static DemoEvent TierUpdate(CustomerState s, DateTimeOffset at, Ids ids, DemoContext context)
    {
        var tier = s.LoyaltyTier;
        return DemoEvent.Identify(at, ids, context, w => w.WriteString("loyalty_tier", tier));
    }

    public static Action<Utf8JsonWriter> SubscriptionProperties(string channel, bool subscribed) => w =>
    {
        w.WriteString("channel", channel);
        w.WriteBoolean("subscribed", subscribed);
    };

    public static Action<Utf8JsonWriter> FullTraits(Customer c, string tier, DateTimeOffset createdAt, bool emailOptIn) => w =>
    {
        w.WriteString("email", c.Email);
        if (c.Phone is not null)
        {
            w.WriteString("phone", c.Phone.Display);
        }

        w.WriteString("first_name", c.FirstName);
        w.WriteString("last_name", c.LastName);
        w.WriteString("city", c.City.Name);
        w.WriteString("country", c.City.Country);
        w.WriteString("birthday", c.Birthday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        w.WriteString("loyalty_tier", tier);
        w.WriteString("created_at", EventJsonWriter.FormatTimestamp(createdAt));
        w.WriteBoolean("email_opt_in", emailOptIn);
    };

    private static Action<Utf8JsonWriter> LoginTraits(Customer c) => w =>
    {
        w.WriteString("email", c.Email);
        w.WriteString("first_name", c.FirstName);
        w.WriteString("last_name", c.LastName);
    };
}
