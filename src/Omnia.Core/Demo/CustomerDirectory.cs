namespace Omnia.Core.Demo;

/// <summary>
/// Creates the demo customers. Emails and phone numbers are unique, so identity resolution only
/// joins what belongs together; every 150 customers one pair shares a family laptop.
/// </summary>
internal static class CustomerDirectory
{
    private const int HouseholdEvery = 150;
    private static readonly string[] EmailDomains = ["example.com", "example.net", "example.org"];

    public static IReadOnlyList<Customer> Create(DemoWorld world, int count)
    {
        var customers = new Customer[count];
        var usedPhones = new HashSet<string> { ShowcasePerson.PhoneNumber.E164 };
        for (var i = 0; i < count; i++)
        {
            var lender = i % HouseholdEvery == HouseholdEvery / 2 - 1 && i + 1 < count;
            var household = i % HouseholdEvery == HouseholdEvery / 2 && i > 0 ? customers[i - 1] : null;
            customers[i] = CreateOne(world, i, usedPhones, lender, household);
        }

        return customers;
    }

    private static Customer CreateOne(DemoWorld world, int ordinal, HashSet<string> usedPhones, bool lender, Customer? household)
    {
        var rng = world.RandomFor(ordinal, profile: true);
        var persona = lender ? Persona.Researcher : rng.PickWeighted(PersonaBehaviour.Mix);
        if (household is not null && persona == Persona.AnonymousVisitor)
        {
            persona = Persona.BargainHunter;
        }

        var city = household?.City ?? rng.PickWeighted(persona == Persona.LoyalStoreShopper ? Places.StoreCities : Places.Cities);
        var first = rng.Pick(Names.First);
        var last = household?.LastName ?? rng.Pick(Names.Last);
        var existing = persona is Persona.LapsedVip or Persona.LoyalStoreShopper || (persona == Persona.AppRegular && rng.Chance(0.5));
        var days = world.Window.Days;
        var lapseDay = Math.Max(days - 60, days / 3);
        var activeFrom = persona switch
        {
            Persona.LapsedVip => rng.Next(0, Math.Max(1, lapseDay / 3)),
            _ when existing => rng.Next(0, Math.Min(10, days)),
            Persona.AnonymousVisitor => rng.Next(0, days),
            _ => rng.Next(0, Math.Max(1, days * 3 / 4)),
        };
        var activeUntil = persona switch
        {
            Persona.LapsedVip => lapseDay,
            Persona.AnonymousVisitor => Math.Min(days, activeFrom + rng.Next(1, 10)),
            _ => days,
        };
        var devices = CreateDevices(persona, rng, lender);
        var identifyAt = devices.Select((_, index) => persona == Persona.AnonymousVisitor ? int.MaxValue
            : index > 0 ? rng.Next(1, 3)
            : existing || lender ? 1
            : rng.PickWeighted<int>([(1, 40), (2, 35), (3, 25)])).ToArray();
        return new Customer
        {
            Ordinal = ordinal,
            Persona = persona,
            UserId = $"user_{10001 + ordinal}",
            FirstName = first,
            LastName = last,
            Email = MakeEmail(first, last, ordinal, rng),
            Phone = persona == Persona.AnonymousVisitor || !rng.Chance(0.65) ? null : AllocatePhone(city, rng, usedPhones),
            City = city,
            Birthday = new DateOnly(rng.Next(1962, 2005), 1, 1).AddDays(rng.Next(0, 365)),
            CreatedAt = existing ? world.Window.Start.AddDays(-rng.Next(30, 1500)).AddMinutes(-rng.Next(0, 1440)) : null,
            LoyaltyTier = persona switch
            {
                Persona.LapsedVip => rng.Chance(0.4) ? "platinum" : "gold",
                Persona.LoyalStoreShopper => rng.Chance(0.5) ? "gold" : "silver",
                _ when existing => "silver",
                _ => "member",
            },
            Devices = devices,
            IdentifyAtVisit = identifyAt,
            Favourites = [rng.Pick(Catalog.Categories), rng.Pick(Catalog.Categories)],
            ActiveFrom = activeFrom,
            ActiveUntil = activeUntil,
            BorrowedDevice = household?.Devices[0],
            BorrowDay = household is null ? 0 : rng.Next(Math.Min(household.ActiveFrom + 1, days - 1), Math.Max(days - 1, household.ActiveFrom + 2)),
        };
    }

    private static Device[] CreateDevices(Persona persona, DemoRandom rng, bool lender)
    {
        var mobileFirst = rng.Chance(0.6);
        DeviceKind App() => rng.Chance(0.6) ? DeviceKind.IosApp : DeviceKind.AndroidApp;
        var (first, second) = persona switch
        {
            _ when lender => (DeviceKind.DesktopWeb, DeviceKind.MobileWeb),
            Persona.AppRegular => (App(), DeviceKind.MobileWeb),
            Persona.BargainHunter => (DeviceKind.MobileWeb, DeviceKind.DesktopWeb),
            Persona.Researcher => (DeviceKind.DesktopWeb, DeviceKind.MobileWeb),
            Persona.LapsedVip => (DeviceKind.DesktopWeb, App()),
            _ when mobileFirst => (DeviceKind.MobileWeb, DeviceKind.DesktopWeb),
            _ => (DeviceKind.DesktopWeb, DeviceKind.MobileWeb),
        };
        var twoDevices = rng.Chance(persona == Persona.AnonymousVisitor ? 0.1 : 0.5);
        return twoDevices ? [Devices.Create(first, rng), Devices.Create(second, rng)] : [Devices.Create(first, rng)];
    }

    private static string MakeEmail(string first, string last, int ordinal, DemoRandom rng)
    {
        static string Clean(string name) => new(name.ToLowerInvariant().Where(char.IsAsciiLetter).ToArray());
        var (f, l, n) = (Clean(first), Clean(last), ordinal + 1);
        var domain = rng.Pick(EmailDomains);
        return rng.Next(4) switch
        {
            0 => $"{f}.{l}{n}@{domain}",
            1 => $"{f[0]}{l}{n}@{domain}",
            2 => $"{f}_{l}{n}@{domain}",
            _ => $"{f}{n}@{domain}",
        };
    }

    private static PhoneNumber? AllocatePhone(City city, DemoRandom rng, HashSet<string> used)
    {
        var style = rng.Next(20);
        for (var attempt = 0; attempt < 6; attempt++)
        {
            var range = rng.Pick(city.PhoneRanges);
            var number = range.Number(rng.Next(range.FirstLine, range.LastLine + 1), style);
            if (used.Add(number.E164))
            {
                return number;
            }
        }

        return null;
    }
}
