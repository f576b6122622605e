using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Omnia.Bench.Load;

namespace Omnia.Bench.Email;

/// <summary>
/// <c>dispatch</c>: personalised emails per second through the whole product path — a real <c>omnia serve</c> with
/// <c>OMNIA_SMTP_URL</c> pointing at a real local SMTP server (tests/smtp/smtp_server.py). N people are identified
/// with an email and consent (untimed); a journey "on <c>Bench Ping</c>: send the reminder" is published; then one
/// <c>Bench Ping</c> per person is sent through <c>/v1/batch</c> and the clock runs until the SMTP server holds N
/// messages: ingestion, the engine, the outbox, the dispatcher (content rendered for each person, the contact policy,
/// the item marked sending, the SMTP send, <c>Message Sent</c> written back into the log, the item marked done).
/// The server's working set is sampled throughout, to see whether memory stays flat.
/// </summary>
public static class DispatchCommand
{
    private const string Content = """
        {"version":1,"name":"Ping reminder","campaign":"bench",
         "email":{"subject":"{{ traits.first_name | default: 'Hi' }}, your cart is waiting",
                  "html":"<p>Hi {{ traits.first_name | default: 'there' }},</p><p>You left {{ event.name }} ({{ event.price }} €) in your cart.</p><p><a href=\"https://shop.example.com/cart?c={{ event.cart_id }}\">Back to my cart</a></p>",
                  "text":"Hi {{ traits.first_name | default: 'there' }}, you left {{ event.name }} in your cart: https://shop.example.com/cart?c={{ event.cart_id }}"}}
        """;

    private const string Journey = """
        {"version":1,"name":"Bench ping","trigger":{"event":{"name":"Bench Ping","key":"cart_id"}},"entry":{"rule":"once"},
         "start":"send","nodes":[{"id":"send","type":"send","content":"ping-reminder","channel":"email","next":"done"},{"id":"done","type":"exit"}]}
        """;

    public static async Task<int> RunAsync(BenchArgs args)
    {
        int people = args.Int("people", 20_000);
        Console.WriteLine($"# dispatch: {people:N0} personalised emails through omnia serve to a local SMTP server; {Machine.Describe()}");
        string mailDir = Directory.CreateTempSubdirectory("omnia-bench-mail-").FullName;
        await using var smtp = await SmtpSink.StartAsync(mailDir);
        await using var server = await OmniaServerProcess.StartAsync(
            new Dictionary<string, string> { ["OMNIA_SMTP_URL"] = $"smtp://127.0.0.1:{smtp.Port}", ["OMNIA_MAIL_FROM"] = "Trail Shop <news@shop.example>" },
            TimeSpan.FromSeconds(60));
        using var ingest = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        ingest.DefaultRequestHeaders.Authorization = OmniaServerProcess.WriteKeyHeader;
        using var admin = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OmniaServerProcess.AdminKey);

        var start = DateTimeOffset.UtcNow;
        await SendAsync(ingest, people, i =>
            $$$"""{"type":"identify","userId":"p{{{i}}}","traits":{"email":"p{{{i}}}@example.com","first_name":"Person {{{i}}}","email_opt_in":true},"timestamp":"{{{Iso(start.AddMinutes(-10))}}}"}""");
        await Put(admin, "/api/v1/workspaces/default/content/ping-reminder", Content);
        await Put(admin, "/api/v1/workspaces/default/journeys/bench-ping", Journey);
        using (var published = await admin.PostAsync("/api/v1/workspaces/default/journeys/bench-ping/publish", null))
        {
            if (!published.IsSuccessStatusCode)
                throw new InvalidOperationException($"publish: {(int)published.StatusCode} {await published.Content.ReadAsStringAsync()}");
        }

        await Task.Delay(2000); // the engine picks up the new journey
        Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {people:N0} people identified with consent; journey published; sending the pings");
        var clock = Stopwatch.StartNew();
        var sampler = Task.Run(async () =>
        {
            var samples = new List<(double Seconds, long Sent, double RssMb)>();
            while (true)
            {
                long sent = Directory.EnumerateFiles(mailDir, "*.eml").LongCount();
                using var process = Process.GetProcessById(server.Pid);
                samples.Add((clock.Elapsed.TotalSeconds, sent, process.WorkingSet64 / 1048576.0));
                if (sent >= people || clock.Elapsed > TimeSpan.FromMinutes(10))
                    return samples;
                await Task.Delay(500);
            }
        });
        await SendAsync(ingest, people, i =>
            $$$"""{"type":"track","userId":"p{{{i}}}","event":"Bench Ping","properties":{"cart_id":"c{{{i}}}","name":"Trail boot","price":129.5},"timestamp":"{{{Iso(DateTimeOffset.UtcNow)}}}"}""");
        var ingested = clock.Elapsed.TotalSeconds;
        var timeline = await sampler;
        var total = clock.Elapsed.TotalSeconds;
        long delivered = timeline[^1].Sent;
        var firstSent = timeline.FirstOrDefault(s => s.Sent > 0).Seconds;
        // The steady rate: between 10 % and 90 % of the emails delivered.
        var from = timeline.First(s => s.Sent >= people / 10);
        var to = timeline.First(s => s.Sent >= people * 9 / 10);
        var steady = (to.Sent - from.Sent) / Math.Max(0.001, to.Seconds - from.Seconds);
        Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] pings ingested in {ingested:N1} s; {delivered:N0} emails delivered in {total:N1} s (first after {firstSent:N1} s)");
        Console.WriteLine($"  overall {delivered / total:N0} emails/s; steady (10 %→90 %) **{steady:N0} emails/s**; target ≥ 2,000/s: {(steady >= 2000 ? "met" : "MISSED")}");
        Console.WriteLine($"  server working set: {string.Join(", ", timeline.Where((_, k) => k % Math.Max(1, timeline.Count / 8) == 0).Select(s => $"{s.Seconds:N0} s {s.RssMb:N0} MB"))}; max {timeline.Max(s => s.RssMb):N0} MB");
        Directory.Delete(mailDir, recursive: true);
        return delivered >= people ? 0 : 1;
    }

    private static async Task SendAsync(HttpClient client, int count, Func<int, string> line)
    {
        const int batch = 500;
        var tasks = new List<Task>();
        using var gate = new SemaphoreSlim(4);
        for (int at = 0; at < count; at += batch)
        {
            var body = "{\"batch\":[" + string.Join(",", Enumerable.Range(at, Math.Min(batch, count - at)).Select(line)) + "]}";
            await gate.WaitAsync();
            tasks.Add(Task.Run(async () =>
            {
                try
                {
                    while (true)
                    {
                        using var response = await client.PostAsync("/v1/batch", new StringContent(body, Encoding.UTF8, "application/json"));
                        if ((int)response.StatusCode == 429)
                        {
                            await Task.Delay(200);
                            continue;
                        }

                        if (!response.IsSuccessStatusCode)
                            throw new InvalidOperationException($"/v1/batch: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                        return;
                    }
                }
                finally
                {
                    gate.Release();
                }
            }));
        }

        await Task.WhenAll(tasks);
    }

    private static async Task Put(HttpClient admin, string path, string json)
    {
        using var response = await admin.PutAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"PUT {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
