using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Omnia.Bench.Load;

/// <summary>
/// Writes realistic Segment batches (~400–600 bytes per event) for a fixed population of people.
/// Each person has a user id, an email and one or two browsers (anonymous ids). Pages are mostly
/// anonymous, some tracks and every identify carry the user id, so identity resolution creates
/// anonymous profiles, stitches them to the known person and merges devices — real work.
/// Deterministic: batch <c>i</c> is always the same bytes for the same seed, run id and sizes.
/// </summary>
public sealed class SegmentEventGenerator(int people, int batchSize, string runId, int seed = 20_240_301)
{
    private static readonly string[] Paths = ["/", "/women/dresses", "/men/jackets", "/sale", "/products/linen-shirt", "/products/trail-runner", "/cart", "/checkout", "/blog/summer-lookbook", "/account"];
    private static readonly string[] Referrers = ["https://www.google.com/", "https://www.bing.com/", "https://www.facebook.com/", "https://t.co/abc", "https://news.example.net/style", "", "", ""];
    private static readonly (string Name, string Source, string Medium)[] Campaigns =
        [("spring_sale", "google", "cpc"), ("retarget_q2", "facebook", "paid_social"), ("newsletter_w14", "newsletter", "email"), ("sms_flash", "sms", "sms"), ("affiliate_x", "partner-blog", "affiliate")];
    private static readonly string[] TrackEvents = ["Product Viewed", "Product Added", "Checkout Started", "Order Completed", "Email Opened", "Link Clicked"];
    private static readonly string[] FirstNames = ["Maya", "Liam", "Ava", "Noah", "Zoe", "Omar", "Ines", "Kai"];
    private static readonly string[] Plans = ["free", "plus", "pro"];

    private readonly DateTimeOffset _start = DateTimeOffset.UtcNow.AddHours(-1);

    public int People => people;

    public int BatchSize => batchSize;

    /// <summary>The JSON body of <c>POST /v1/batch</c> number <paramref name="batchIndex"/>.</summary>
    public byte[] Batch(long batchIndex)
    {
        var buffer = new ArrayBufferWriter<byte>(batchSize * 600 + 128);
        var random = new Random(unchecked((int)(seed ^ (batchIndex * 0x9E3779B1L))));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("batch");
            for (int i = 0; i < batchSize; i++)
            {
                WriteEvent(writer, random, batchIndex * batchSize + i);
            }

            writer.WriteEndArray();
            writer.WriteString("sentAt", Iso(DateTimeOffset.UtcNow));
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private void WriteEvent(Utf8JsonWriter w, Random random, long index)
    {
        int person = random.Next(people);
        int devices = person % 3 == 0 ? 2 : 1;
        int device = random.Next(devices);
        int roll = random.Next(100);
        string type = roll < 55 ? "page" : roll < 90 ? "track" : "identify";
        bool known = type switch { "identify" => true, "track" => random.Next(100) < 40, _ => random.Next(100) < 20 };
        string path = Paths[random.Next(Paths.Length)];
        string url = "https://shop.example.com" + path;
        string referrer = Referrers[random.Next(Referrers.Length)];
        var campaign = random.Next(100) < 30 ? Campaigns[random.Next(Campaigns.Length)] : default;

        w.WriteStartObject();
        w.WriteString("type", type);
        w.WriteString("messageId", $"{runId}-{index:D9}");
        w.WriteString("anonymousId", $"anon-{person:D7}-{device}");
        if (known)
        {
            w.WriteString("userId", $"user-{person:D7}");
        }

        w.WriteString("timestamp", Iso(_start.AddMilliseconds(index % 3_000_000)));
        switch (type)
        {
            case "page":
                w.WriteString("name", path.Length > 1 ? path[1..] : "Home");
                w.WriteStartObject("properties");
                w.WriteString("path", path);
                w.WriteString("url", url);
                w.WriteString("title", "Northwind Outfitters");
                w.WriteEndObject();
                break;
            case "track":
                string name = TrackEvents[random.Next(TrackEvents.Length)];
                w.WriteString("event", name);
                w.WriteStartObject("properties");
                w.WriteString("product_id", $"sku-{random.Next(5000):D4}");
                w.WriteNumber("price", 19 + random.Next(180));
                w.WriteString("currency", "USD");
                if (name == "Order Completed")
                {
                    w.WriteString("order_id", $"o-{index}");
                    w.WriteNumber("revenue", 20 + random.Next(400));
                }

                w.WriteEndObject();
                break;
            default:
                w.WriteStartObject("traits");
                w.WriteString("email", $"person{person}@example.org");
                w.WriteString("firstName", FirstNames[person % FirstNames.Length]);
                w.WriteString("plan", Plans[random.Next(Plans.Length)]);
                w.WriteBoolean("newsletter", random.Next(2) == 0);
                w.WriteEndObject();
                break;
        }

        w.WriteStartObject("context");
        w.WriteString("ip", $"203.0.113.{person % 250}");
        w.WriteString("locale", "en-US");
        w.WriteString("userAgent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36");
        w.WriteStartObject("library");
        w.WriteString("name", "analytics.js");
        w.WriteString("version", "5.2.0");
        w.WriteEndObject();
        w.WriteStartObject("page");
        w.WriteString("path", path);
        w.WriteString("url", url);
        w.WriteString("referrer", referrer);
        w.WriteEndObject();
        if (campaign.Name is not null)
        {
            w.WriteStartObject("campaign");
            w.WriteString("name", campaign.Name);
            w.WriteString("source", campaign.Source);
            w.WriteString("medium", campaign.Medium);
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static string Iso(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
