namespace Omnia.Core.Demo;

/// <summary>
/// A purchase at the customer's home store, sent by the POS with <c>context.channel</c> "store".
/// A scanned loyalty card gives the user id; otherwise the e-receipt's email is the only identifier,
/// and the POS sets a per-receipt anonymous id because the Segment API needs one of the two.
/// </summary>
internal static class StoreVisit
{
    private static readonly string[] PaymentMethods = ["card", "card", "card", "apple_pay", "cash"];

    public static void Run(CustomerState s, Store store, DateTimeOffset at)
    {
        var rng = s.Rng;
        var lines = new List<OrderLine>();
        var items = 1 + rng.Poisson(0.8);
        for (var i = 0; i < items; i++)
        {
            var product = s.PickProduct();
            if (lines.All(l => l.Product != product))
            {
                lines.Add(s.LineFor(product, null));
            }
        }

        var order = new Order(s.NextOrderId("POS"), lines, null);
        var loyaltyCard = s.IsKnownAt(at) && rng.Chance(s.Customer.Persona == Persona.LoyalStoreShopper ? 0.7 : 0.4);
        s.Emit(Purchase(s.Customer, store, at, order, rng.Pick(PaymentMethods), loyaltyCard));
        s.RecordOrder();
    }

    public static DemoEvent Purchase(Customer customer, Store store, DateTimeOffset at, Order order, string payment, bool loyaltyCard)
    {
        var context = new DemoContext
        {
            Library = Libraries.Pos,
            Channel = "store",
            TraitsEmail = loyaltyCard ? null : customer.Email,
        };
        var ids = loyaltyCard ? new Ids(customer.UserId, null) : new Ids(null, "receipt-" + order.OrderId.ToLowerInvariant());
        return DemoEvent.Track(at, ids, "Order Completed", context, Ecommerce.OrderProperties(order, store.Name, w =>
        {
            w.WriteString("store_id", store.StoreId);
            w.WriteString("payment_method", payment);
        }));
    }
}
