using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Omnia.Core.Demo;

/// <summary>Writes demo events as compact Segment HTTP API JSON, reusing one buffer.</summary>
internal sealed class EventJsonWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _json;

    public EventJsonWriter()
    {
        // Relaxed escaping keeps '+', '&' and apostrophes readable; the output is never embedded in HTML.
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    public string Write(DemoEvent e, string messageId)
    {
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        var w = _json;
        w.WriteStartObject();
        w.WriteString("type", e.Type);
        w.WriteString("messageId", messageId);
        w.WriteString("timestamp", FormatTimestamp(e.Timestamp));
        if (e.Ids.UserId is { } userId)
        {
            w.WriteString("userId", userId);
        }

        if (e.Ids.AnonymousId is { } anonymousId)
        {
            w.WriteString("anonymousId", anonymousId);
        }

        if (e.Name is { } name)
        {
            w.WriteString(e.Type == "track" ? "event" : "name", name);
        }

        if (e.Type == "page" && e.Context.Page is { } page)
        {
            w.WriteStartObject("properties");
            WritePage(w, page, e.Context.Referrer);
            w.WriteEndObject();
        }
        else if (e.Properties is { } properties)
        {
            w.WriteStartObject("properties");
            properties(w);
            w.WriteEndObject();
        }

        if (e.Traits is { } traits)
        {
            w.WriteStartObject("traits");
            traits(w);
            w.WriteEndObject();
        }

        WriteContext(w, e.Context);
        w.WriteEndObject();
        w.Flush();
        return Encoding.UTF8.GetString(_buffer.WrittenSpan);
    }

    /// <summary>ISO-8601 UTC with milliseconds, the form Segment's SDKs send.</summary>
    public static string FormatTimestamp(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static void WriteContext(Utf8JsonWriter w, DemoContext c)
    {
        w.WriteStartObject("context");
        w.WriteStartObject("library");
        w.WriteString("name", c.Library.Name);
        w.WriteString("version", c.Library.Version);
        w.WriteEndObject();
        WriteIfSet(w, "channel", c.Channel);
        if (c.Page is { } page)
        {
            w.WriteStartObject("page");
            WritePage(w, page, c.Referrer);
            w.WriteEndObject();
        }

        if (c.Campaign is { } utm)
        {
            w.WriteStartObject("campaign");
            w.WriteString("source", utm.Source);
            w.WriteString("medium", utm.Medium);
            w.WriteString("name", utm.Name);
            WriteIfSet(w, "content", utm.Content);
            WriteIfSet(w, "term", utm.Term);
            w.WriteEndObject();
        }

        if (c.AppDevice is { } device)
        {
            WriteApp(w, device);
        }

        WriteIfSet(w, "userAgent", c.UserAgent);
        WriteIfSet(w, "ip", c.Ip);
        WriteIfSet(w, "locale", c.Locale);
        WriteIfSet(w, "timezone", c.Timezone);
        if (c.TraitsEmail is not null || c.TraitsPhone is not null)
        {
            w.WriteStartObject("traits");
            WriteIfSet(w, "email", c.TraitsEmail);
            WriteIfSet(w, "phone", c.TraitsPhone);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void WritePage(Utf8JsonWriter w, WebPage page, string? referrer)
    {
        w.WriteString("path", page.Path);
        w.WriteString("referrer", referrer ?? "");
        w.WriteString("search", page.Search);
        w.WriteString("title", page.Title);
        w.WriteString("url", page.Url);
    }

    private static void WriteApp(Utf8JsonWriter w, Device device)
    {
        w.WriteStartObject("app");
        w.WriteString("name", Device.AppName);
        w.WriteString("version", device.AppVersion);
        w.WriteString("build", device.AppBuild);
        w.WriteString("namespace", "com.northwind.outfitters");
        w.WriteEndObject();
        w.WriteStartObject("device");
        WriteIfSet(w, "id", device.DeviceId);
        w.WriteString("type", device.DeviceType);
        WriteIfSet(w, "manufacturer", device.Manufacturer);
        WriteIfSet(w, "model", device.Model);
        w.WriteEndObject();
        w.WriteStartObject("os");
        w.WriteString("name", device.OsName);
        WriteIfSet(w, "version", device.OsVersion);
        w.WriteEndObject();
    }

    private static void WriteIfSet(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }
}
