using System.Text.Json;
using Omnia.Core.Import;

namespace Omnia.Core.Tests.Import;

/// <summary>Runs the importer over a CSV string and parses what it produced.</summary>
internal static class CsvImports
{
    public static readonly DateTimeOffset Now = new(2025, 1, 15, 12, 0, 0, TimeSpan.Zero);

    public static CsvImportOptions ForCustomers(string sourceName = "crm-export.csv") =>
        new() { Kind = CsvImportKind.Customers, SourceName = sourceName, Now = Now };

    public static CsvImportOptions ForEvents(string? eventName = null, string? channel = null, string sourceName = "events.csv") =>
        new() { Kind = CsvImportKind.Events, SourceName = sourceName, Now = Now, EventName = eventName, Channel = channel };

    public static List<CsvImportRow> Rows(string csv, CsvImportOptions options) =>
        CsvImporter.Read(new StringReader(csv), options).ToList();

    /// <summary>The events of a file in which every row must be good.</summary>
    public static List<JsonElement> Imported(string csv, CsvImportOptions options) =>
        Rows(csv, options).Select(Parse).ToList();

    public static JsonElement Parse(CsvImportRow row)
    {
        Assert.True(row.Succeeded, row.Error?.Message);
        Assert.Null(row.Error);
        using var document = JsonDocument.Parse(row.EventJson!);
        return document.RootElement.Clone();
    }

    public static string Text(this JsonElement element, string path) => element.At(path).GetString()!;

    public static bool Has(this JsonElement element, string path)
    {
        var current = element;
        foreach (var name in path.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
            {
                return false;
            }
        }

        return true;
    }

    public static JsonElement At(this JsonElement element, string path)
    {
        Assert.True(element.Has(path), $"missing {path} in {element}");
        var current = element;
        foreach (var name in path.Split('.'))
        {
            current = current.GetProperty(name);
        }

        return current;
    }
}
