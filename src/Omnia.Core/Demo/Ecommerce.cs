using System.Text.Json;

namespace Omnia.Core.Demo;

/// <summary>Property writers for Segment's Ecommerce v2 spec events.</summary>
internal static class Ecommerce
{
    /// <summary>Properties of <c>Product Viewed</c> and <c>Product Added</c>.</summary>
    public static Action<Utf8JsonWriter> ProductProperties(OrderLine line, string? cartId = null) => w =>
    {
        if (cartId is not null)
        {
            w.WriteString("cart_id", cartId);
        }

        WriteProductFields(w, line);
        w.WriteString("currency", Catalog.Currency);
        w.WriteString("url", line.Product.Url);
        w.WriteString("image_url", line.Product.ImageUrl);
    };

    /// <summary>Properties of <c>Cart Viewed</c>.</summary>
    public static Action<Utf8JsonWriter> CartProperties(string cartId, IReadOnlyList<OrderLine> lines) => w =>
    {
        w.WriteString("cart_id", cartId);
        WriteProducts(w, lines);
    };

    /// <summary>Properties of <c>Checkout Started</c>.</summary>
    public static Action<Utf8JsonWriter> CheckoutProperties(Order order, string? cartId = null) => w =>
    {
        if (cartId is not null)
        {
            w.WriteString("cart_id", cartId);
        }

        w.WriteString("order_id", order.OrderId);
        w.WriteNumber("value", order.Total);
        w.WriteNumber("revenue", order.Total);
        w.WriteString("currency", Catalog.Currency);
        WriteProducts(w, order.Lines);
    };

    /// <summary>Properties of <c>Order Completed</c>: total and revenue equal the sum of price × quantity.</summary>
    public static Action<Utf8JsonWriter> OrderProperties(Order order, string affiliation, Action<Utf8JsonWriter>? extra = null) => w =>
    {
        w.WriteString("order_id", order.OrderId);
        w.WriteString("affiliation", affiliation);
        w.WriteNumber("total", order.Total);
        w.WriteNumber("revenue", order.Total);
        if (order.Discount > 0)
        {
            w.WriteNumber("discount", order.Discount);
        }

        if (order.Coupon is not null)
        {
            w.WriteString("coupon", order.Coupon);
        }

        w.WriteString("currency", Catalog.Currency);
        extra?.Invoke(w);
        WriteProducts(w, order.Lines);
    };

    private static void WriteProducts(Utf8JsonWriter w, IReadOnlyList<OrderLine> lines)
    {
        w.WriteStartArray("products");
        foreach (var line in lines)
        {
            w.WriteStartObject();
            WriteProductFields(w, line);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteProductFields(Utf8JsonWriter w, OrderLine line)
    {
        w.WriteString("product_id", line.Product.ProductId);
        w.WriteString("sku", line.Product.Sku);
        w.WriteString("name", line.Product.Name);
        w.WriteString("category", line.Product.Category.Name);
        w.WriteString("brand", Catalog.Brand);
        w.WriteNumber("price", line.UnitPrice);
        w.WriteNumber("quantity", line.Quantity);
    }
}
