namespace Omnia.Core.Demo;

/// <summary>One product of the demo brand's catalogue, priced in US dollars.</summary>
internal sealed record Product(string ProductId, string Sku, string Name, ProductCategory Category, decimal Price)
{
    public string Slug { get; } = Slugs.From(Name);

    public string Url => $"{Catalog.SiteUrl}/products/{Slug}";

    public string ImageUrl => $"{Catalog.CdnUrl}/products/{Sku.ToLowerInvariant()}.jpg";
}

/// <summary>A catalogue category with its collection page and what people type to find it.</summary>
internal sealed record ProductCategory(string Name, string Slug, string SearchTerm)
{
    public string Path => $"/collections/{Slug}";
}

/// <summary>Turns display names into URL path segments.</summary>
internal static class Slugs
{
    public static string From(string name)
    {
        var builder = new System.Text.StringBuilder(name.Length);
        foreach (var c in name.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        return builder.ToString().TrimEnd('-');
    }
}
