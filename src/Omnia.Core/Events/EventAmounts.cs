using System.Globalization;
using System.Text.Json;

namespace Omnia.Core.Events;

/// <summary>
/// The amounts Omnia adds up (order value: <c>revenue</c>, <c>total</c>, <c>value</c>, <c>price</c>,
/// <c>quantity</c>, also in each of <c>products</c>) must fit the money type with room to add them up:
/// at most 10^15 either way. An event with a larger amount (<c>revenue: 1e30</c>) is rejected with the
/// reason rather than clamped, so a mistake in a tracking plan shows up where it is made. Other numbers
/// are stored as sent.
/// </summary>
public static class EventAmounts
{
    /// <summary>The largest amount accepted, either way: a quadrillion.</summary>
    public const decimal Max = 1_000_000_000_000_000m;

    private static readonly string[] Fields = ["revenue", "total", "value", "price", "quantity"];

    /// <summary>Adds an error for each amount of <paramref name="properties"/> that is out of range.</summary>
    public static void Check(JsonElement properties, Action<string> error)
    {
        if (properties.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        CheckFields(properties, "properties", error);
        if (properties.TryGetProperty("products", out var products) && products.ValueKind == JsonValueKind.Array)
        {
            int index = 0;
            foreach (var product in products.EnumerateArray())
            {
                if (product.ValueKind == JsonValueKind.Object)
                {
                    CheckFields(product, $"properties.products[{index}]", error);
                }

                index++;
            }
        }
    }

    private static void CheckFields(JsonElement obj, string path, Action<string> error)
    {
        foreach (var field in Fields)
        {
            if (obj.TryGetProperty(field, out var value) && !InRange(value))
            {
                error($"'{path}.{field}' is {Shorten(value.GetRawText())}; amounts must lie between -10^15 and 10^15.");
            }
        }
    }

    private static bool InRange(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.TryGetDecimal(out var number) && Math.Abs(number) <= Max,
        JsonValueKind.String => !decimal.TryParse(value.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed)
            || Math.Abs(parsed) <= Max,
        _ => true,
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
