namespace Omnia.Core.Demo;

/// <summary>One line of a cart or order, at the price actually charged (after any sale discount).</summary>
internal sealed record OrderLine(Product Product, decimal UnitPrice, int Quantity)
{
    public decimal Amount => UnitPrice * Quantity;

    public decimal Discount => (Product.Price - UnitPrice) * Quantity;
}

/// <summary>A cart turned into an order; <see cref="Total"/> is exactly the sum of its lines.</summary>
internal sealed record Order(string OrderId, IReadOnlyList<OrderLine> Lines, string? Coupon)
{
    public decimal Total => Lines.Sum(l => l.Amount);

    public decimal Discount => Lines.Sum(l => l.Discount);
}
