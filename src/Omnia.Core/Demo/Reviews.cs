using System.Text.Json;

namespace Omnia.Core.Demo;

/// <summary>
/// Some buyers come back a few days after an order to review what they bought (Segment's <c>Product Reviewed</c>):
/// the advocates of the lifecycle. Whether and when is drawn from the order id, not the customer's random
/// stream, so adding reviews leaves every other generated event as it was.
/// </summary>
internal static class Reviews
{
    public static void MaybeReview(CustomerState s, Order order, DateTimeOffset orderedAt, Ids ids, DemoContext context)
    {
        var rng = new Random(StableSeed(order.OrderId));
        double chance = s.Customer.Persona switch
        {
            Persona.LoyalStoreShopper or Persona.AppRegular => 0.22,
            Persona.LapsedVip => 0.15,
            Persona.Researcher => 0.12,
            _ => 0.04,
        };
        if (rng.NextDouble() >= chance)
        {
            return;
        }

        var line = order.Lines[rng.Next(order.Lines.Count)];
        var at = orderedAt.AddDays(2 + rng.Next(8)).AddMinutes(rng.Next(24 * 60));
        int rating = rng.NextDouble() < 0.75 ? 5 : 3 + rng.Next(2);
        // A later visit of its own (typed in, from the review request), not part of the visit that bought.
        var visit = context with { Referrer = null, Campaign = null, Page = context.Page is null ? null : WebPage.For(line.Product) };
        s.Emit(DemoEvent.Track(at, ids, "Product Reviewed", visit, w =>
        {
            w.WriteString("product_id", line.Product.ProductId);
            w.WriteString("review_id", "rev_" + order.OrderId);
            w.WriteNumber("rating", rating);
            w.WriteString("category", line.Product.Category.Name);
        }));
    }

    private static int StableSeed(string text)
    {
        // FNV-1a: string.GetHashCode is randomised per process, and the demo must be the same on every run.
        uint hash = 2166136261;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 16777619;
        }

        return (int)(hash & 0x7FFFFFFF);
    }
}
