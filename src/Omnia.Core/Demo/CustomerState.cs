namespace Omnia.Core.Demo;

/// <summary>
/// A customer's script state while it runs: devices, whether and since when they are known,
/// consent, orders and a pending abandoned cart. Events go to <see cref="Pending"/>.
/// </summary>
internal sealed class CustomerState
{
    private static readonly string[] Tiers = ["member", "silver", "gold", "platinum"];
    private int _orderSequence;
    private int _ticketSequence;

    public CustomerState(Customer customer, DemoWorld world)
    {
        Customer = customer;
        World = world;
        Rng = world.RandomFor(customer.Ordinal, profile: false);
        Behaviour = PersonaBehaviour.For(customer.Persona);
        Devices = customer.Devices.Select((d, i) => new DeviceState(d, customer.IdentifyAtVisit[i])).ToArray();
        Borrowed = customer.BorrowedDevice is { } borrowed ? new DeviceState(borrowed, 1) : null;
        EmailSubscribed = Rng.Chance(0.8);
    }

    public Customer Customer { get; }

    public DemoWorld World { get; }

    public DemoRandom Rng { get; }

    public PersonaBehaviour Behaviour { get; }

    public PendingEvents Pending { get; } = new();

    public IReadOnlyList<DeviceState> Devices { get; }

    public DeviceState? Borrowed { get; }

    /// <summary>When the customer first signed in anywhere; messages only go to known customers.</summary>
    public DateTimeOffset? KnownAt { get; set; }

    public bool EmailSubscribed { get; set; }

    public bool SmsSubscribed { get; set; }

    public int Orders { get; private set; }

    public (IReadOnlyList<OrderLine> Lines, DateTimeOffset At)? AbandonedCart { get; set; }

    /// <summary>The id of the last cart left behind: a checkout resumed from the reminder email completes that cart.</summary>
    public string? AbandonedCartId { get; set; }

    /// <summary>The end of the last visit: a new visit starts after it, so a device's events never interleave.</summary>
    public DateTimeOffset BusyUntil { get; set; }

    public string LoyaltyTier => Tiers[Math.Min(Tiers.Length - 1,
        Array.IndexOf(Tiers, Customer.LoyaltyTier) + (Orders >= 3 ? 1 : 0) + (Orders >= 6 ? 1 : 0))];

    public bool IsKnownAt(DateTimeOffset at) => KnownAt is { } known && known <= at;

    public Ids IdsOn(DeviceState device) => new(device.Identified ? Customer.UserId : null, device.Device.AnonymousId);

    public void Emit(DemoEvent e) => Pending.Add(e);

    public DateTimeOffset Reserve(DateTimeOffset planned) =>
        planned >= BusyUntil ? planned : BusyUntil.AddMinutes(Rng.Next(3, 30));

    public string NextOrderId(string prefix) => $"{prefix}-{10001 + Customer.Ordinal}-{++_orderSequence:D2}";

    public string NextTicketId() => $"T-{10001 + Customer.Ordinal}-{++_ticketSequence}";

    /// <summary>Counts an order; returns true when it raised the loyalty tier.</summary>
    public bool RecordOrder()
    {
        var before = LoyaltyTier;
        Orders++;
        return LoyaltyTier != before;
    }

    public Product PickProduct() => Rng.Chance(0.75)
        ? Rng.Pick(Catalog.In(Rng.Pick(Customer.Favourites)))
        : Rng.Pick(Catalog.Products);

    public OrderLine LineFor(Product product, Promotion? promotion)
    {
        var quantity = product.Price < 40 && Rng.Chance(0.35) ? 2 : 1;
        return new OrderLine(product, promotion?.Apply(product.Price) ?? product.Price, quantity);
    }

    /// <summary>A browser of this customer's, mobile with the persona's mobile share.</summary>
    public DeviceState? PickWebDevice(bool preferMobile)
    {
        DeviceState? mobile = null, desktop = null;
        foreach (var device in Devices)
        {
            if (device.Device.Kind == DeviceKind.MobileWeb)
            {
                mobile = device;
            }
            else if (device.Device.Kind == DeviceKind.DesktopWeb)
            {
                desktop = device;
            }
        }

        return preferMobile ? mobile ?? desktop : desktop ?? mobile;
    }

    public DeviceState? AppDevice => Devices.FirstOrDefault(d => d.Device.IsApp);
}
