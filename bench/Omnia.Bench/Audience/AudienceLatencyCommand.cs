using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Omnia.Bench.Load;

namespace Omnia.Bench.Audience;

/// <summary>
/// How soon a membership change is visible after the event that caused it was acknowledged, with 100 active
/// segments, while background load is sent at full speed (or at <c>--rate</c> events/s). A probe sends one
/// "Probe Fired" event for a new person every 200 ms; the probe segment is "did Probe Fired"; the time from
/// the probe's 200 to its entry appearing in <c>GET …/segments/probe/transitions</c> (polled every 2 ms) is
/// the latency.
/// </summary>
public static class AudienceLatencyCommand
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        int segments = args.Int("segments", 100);
        int seconds = args.Int("seconds", 30);
        int concurrency = args.Int("concurrency", 8);
        int batchSize = args.Int("batch", 500);
        int rate = args.Int("rate", 0);
        int people = args.Int("people", 100_000);
        Console.WriteLine($"# audience-latency: {segments} segments, {seconds} s, background load {(rate > 0 ? $"{rate:N0} events/s" : "full speed")} " +
            $"({concurrency} senders × {batchSize}-event batches), {people:N0} people; {Machine.Describe()}");

        await using var server = await OmniaServerProcess.StartAsync(new Dictionary<string, string>(), TimeSpan.FromSeconds(120));
        using var admin = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OmniaServerProcess.AdminKey);
        foreach (var (slug, json) in Definitions(segments - 1).Append(("probe", """{"version":1,"name":"Probe","condition":{"event":{"name":"Probe Fired"}}}""")))
        {
            var response = await admin.PutAsync($"/api/v1/workspaces/default/segments/{slug}", new StringContent(json, Encoding.UTF8, "application/json"));
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"segment {slug}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }

        var idle = await ProbeAsync(server, admin, TimeSpan.FromSeconds(Math.Min(10, seconds)), load: null);
        Console.WriteLine($"idle:        {idle}");

        var generator = new SegmentEventGenerator(people, batchSize, "lat" + Guid.NewGuid().ToString("N")[..4], seed: 11);
        using var load = new BackgroundLoad(server.BaseAddress, generator, concurrency, rate);
        var loaded = await ProbeAsync(server, admin, TimeSpan.FromSeconds(seconds), load);
        var health = await server.HealthAsync();
        Console.WriteLine($"under load:  {loaded}");
        Console.WriteLine($"background load: {load.Events:N0} events acknowledged, {load.Events / load.Seconds:N0} events/s; profiles lag at the end {health.ProfilesLag:N0} events");
        return 0;
    }

    /// <summary>99 segments of the kinds marketers build: windowed counts and sums, sequences, traits, consent, buckets.</summary>
    private static IEnumerable<(string Slug, string Json)> Definitions(int count)
    {
        string[] events = ["Product Viewed", "Product Added", "Checkout Started", "Order Completed", "Email Opened", "Link Clicked"];
        for (int i = 0; i < count; i++)
        {
            string e = events[i % events.Length];
            string condition = (i % 6) switch
            {
                0 => $$$$"""{"event":{"name":"{{{{e}}}}","count":{"op":"atLeast","value":{{{{1 + i % 4}}}}},"window":{"last":"{{{{1 + i % 30}}}}d"}}}""",
                1 => $$$$"""{"event":{"name":"Order Completed","aggregate":{"fn":"sum","property":"revenue","op":"gte","value":{{{{50 + 10 * i}}}}},"window":{"last":"{{{{7 + i}}}}d"}}}""",
                2 => $$$$"""{"sequence":{"first":{"name":"Product Added"},"then":{"name":"Order Completed"},"within":"{{{{1 + i % 12}}}}h","did":false,"window":{"last":"14d"}}}""",
                3 => $$$$"""{"trait":{"name":"plan","op":"equals","value":"{{{{(i % 3 == 0 ? "pro" : i % 3 == 1 ? "plus" : "free")}}}}"}}""",
                4 => $$$$"""{"and":[{"computed":{"name":"eventCount","op":"gte","value":{{{{2 + i % 10}}}}}},{"bucket":{"from":0,"to":{{{{1000 * (1 + i % 9)}}}}}}]}""",
                _ => $$$$"""{"and":[{"event":{"name":"{{{{e}}}}","window":{"last":"{{{{1 + i % 7}}}}d"}}},{"not":{"event":{"name":"Order Completed","window":{"last":"30d"}}} }]}""",
            };
            yield return ($"s{i:D3}", $$$$"""{"version":1,"name":"Segment {{{{i}}}}","condition":{{{{condition}}}}}""");
        }
    }

    private static async Task<string> ProbeAsync(OmniaServerProcess server, HttpClient admin, TimeSpan duration, BackgroundLoad? load)
    {
        using var writer = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(120) };
        writer.DefaultRequestHeaders.Authorization = OmniaServerProcess.WriteKeyHeader;
        long after = await LastTransitionAsync(admin, 0);
        var latencies = new List<double>();
        int missed = 0;
        load?.Start();
        var clock = Stopwatch.StartNew();
        for (int n = 0; clock.Elapsed < duration; n++)
        {
            string body = $$$$"""{"userId":"probe-{{{{Guid.NewGuid():N}}}}","event":"Probe Fired","properties":{"n":{{{{n}}}}}}""";
            var response = await writer.PostAsync("/v1/track", new StringContent(body, Encoding.UTF8, "application/json"));
            response.EnsureSuccessStatusCode();
            var acked = Stopwatch.GetTimestamp();
            long seen = after;
            while (seen == after && Stopwatch.GetElapsedTime(acked) < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(2);
                seen = await LastTransitionAsync(admin, after);
            }

            if (seen == after)
            {
                missed++;
            }
            else
            {
                latencies.Add(Stopwatch.GetElapsedTime(acked).TotalMilliseconds);
                after = seen;
            }

            await Task.Delay(200);
        }

        load?.Stop();
        latencies.Sort();
        return latencies.Count == 0
            ? $"no probe became visible within 30 s ({missed} missed)"
            : $"{latencies.Count} probes: p50 {Percentiles.Of(latencies, 50):N1} ms, p95 {Percentiles.Of(latencies, 95):N1} ms, p99 {Percentiles.Of(latencies, 99):N1} ms, max {latencies[^1]:N1} ms" +
              (missed > 0 ? $", {missed} not visible within 30 s" : "");
    }

    private static async Task<long> LastTransitionAsync(HttpClient admin, long after)
    {
        using var document = JsonDocument.Parse(await admin.GetStringAsync($"/api/v1/workspaces/default/segments/probe/transitions?after={after}&limit=1000"));
        return document.RootElement.GetProperty("next").GetInt64();
    }

    /// <summary>Senders posting batches as fast as the server acknowledges them, or paced to a total rate.</summary>
    private sealed class BackgroundLoad(Uri server, SegmentEventGenerator generator, int concurrency, int rate) : IDisposable
    {
        private readonly HttpClient _client = new() { BaseAddress = server, Timeout = TimeSpan.FromSeconds(120) };
        private readonly CancellationTokenSource _stop = new();
        private readonly Stopwatch _clock = new();
        private Task[] _senders = [];
        private long _events;
        private long _next;

        public long Events => Interlocked.Read(ref _events);

        public double Seconds => _clock.Elapsed.TotalSeconds;

        public void Start()
        {
            _client.DefaultRequestHeaders.Authorization = OmniaServerProcess.WriteKeyHeader;
            _clock.Start();
            _senders = Enumerable.Range(0, concurrency).Select(_ => Task.Run(SendAsync)).ToArray();
        }

        public void Stop()
        {
            _stop.Cancel();
            try
            {
                Task.WaitAll(_senders);
            }
            catch (AggregateException)
            {
                // Cancelled sends.
            }

            _clock.Stop();
        }

        private async Task SendAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                long index = Interlocked.Increment(ref _next);
                if (rate > 0)
                {
                    var due = TimeSpan.FromSeconds((double)index * generator.BatchSize / rate);
                    if (due > _clock.Elapsed)
                    {
                        await Task.Delay(due - _clock.Elapsed, _stop.Token).ConfigureAwait(false);
                    }
                }

                using var content = new ByteArrayContent(generator.Batch(index));
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await _client.PostAsync("/v1/batch", content, _stop.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    Interlocked.Add(ref _events, generator.BatchSize);
                }
            }
        }

        public void Dispose()
        {
            _stop.Dispose();
            _client.Dispose();
        }
    }
}
