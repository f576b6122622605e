using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Omnia.Bench.Load;

/// <summary>
/// Several concurrent senders posting batches to <c>/v1/batch</c> over one pooled HTTP/1.1 handler,
/// each with at most one request in flight. Records every batch's latency (request start to the
/// durable-ack 200 read in full) and the accepted events per second of the run.
/// </summary>
public sealed class BatchSender(Uri server, int concurrency) : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly HttpClient _client = new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = concurrency,
        UseProxy = false,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        AutomaticDecompression = DecompressionMethods.None,
    })
    {
        BaseAddress = server,
        Timeout = TimeSpan.FromSeconds(120),
    };

    /// <summary>Sends batches 0…<paramref name="batches"/>-1 (bodies from <paramref name="body"/>) until done or the time limit.</summary>
    public async Task<SendResult> SendAsync(long batches, Func<long, byte[]> body, TimeSpan timeLimit)
    {
        using var stop = new CancellationTokenSource(timeLimit);
        long next = -1, accepted = 0, duplicates = 0, failures = 0, bytes = 0, throttled = 0;
        var perSecond = new long[(int)timeLimit.TotalSeconds + 2];
        var errors = new List<string>();
        var clock = Stopwatch.StartNew();

        async Task<List<double>> SenderAsync()
        {
            var latencies = new List<double>();
            long i;
            while (!stop.IsCancellationRequested && (i = Interlocked.Increment(ref next)) < batches)
            {
                byte[] payload = body(i);
                while (await SendOneAsync(payload).ConfigureAwait(false))
                {
                    // answered 429: sent again after the server's Retry-After, as the Segment SDKs do
                }
            }

            return latencies;

            async Task<bool> SendOneAsync(byte[] payload)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/batch") { Content = new ByteArrayContent(payload) };
                request.Content.Headers.ContentType = Json;
                request.Headers.Authorization = OmniaServerProcess.WriteKeyHeader;
                long start = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseContentRead).ConfigureAwait(false);
                    byte[] answer = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                    double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                    if (response.StatusCode == HttpStatusCode.TooManyRequests && !stop.IsCancellationRequested)
                    {
                        // Back-pressure: wait as the server asks and send the same batch again, as the Segment SDKs do.
                        Interlocked.Increment(ref throttled);
                        var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
                        try
                        {
                            await Task.Delay(wait, stop.Token).ConfigureAwait(false);
                        }
                        catch (OperationCanceledException)
                        {
                            return false;
                        }

                        return true;
                    }

                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        Fail($"HTTP {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(answer.AsSpan(0, Math.Min(answer.Length, 300)))}");
                        return false;
                    }

                    latencies.Add(ms);
                    using var json = JsonDocument.Parse(answer);
                    long ok = json.RootElement.GetProperty("accepted").GetInt64();
                    Interlocked.Add(ref accepted, ok);
                    Interlocked.Add(ref duplicates, json.RootElement.GetProperty("duplicates").GetInt64());
                    Interlocked.Add(ref bytes, payload.Length);
                    int second = (int)clock.Elapsed.TotalSeconds;
                    Interlocked.Add(ref perSecond[Math.Min(second, perSecond.Length - 1)], ok);
                }
                catch (HttpRequestException ex)
                {
                    Fail(ex.Message);
                }
                catch (TaskCanceledException ex)
                {
                    Fail("timed out: " + ex.Message);
                }

                return false;
            }
        }

        void Fail(string message)
        {
            lock (errors)
            {
                if (errors.Count < 5)
                {
                    errors.Add(message);
                }
            }

            if (Interlocked.Increment(ref failures) >= 100)
            {
                stop.Cancel();
            }
        }

        var senders = Enumerable.Range(0, concurrency).Select(_ => Task.Run(SenderAsync)).ToArray();
        var all = (await Task.WhenAll(senders).ConfigureAwait(false)).SelectMany(l => l).ToList();
        double seconds = clock.Elapsed.TotalSeconds;
        all.Sort();
        int used = Math.Min((int)Math.Ceiling(seconds), perSecond.Length);
        return new SendResult(accepted, duplicates, failures, bytes, seconds, all, perSecond[..used], errors, stop.IsCancellationRequested && failures < 100) { Throttled = throttled };
    }

    public void Dispose() => _client.Dispose();
}

/// <summary>What one load run achieved. <see cref="LatenciesMs"/> are sorted.</summary>
public sealed record SendResult(
    long Accepted, long Duplicates, long Failures, long Bytes, double Seconds, IReadOnlyList<double> LatenciesMs,
    long[] AcceptedPerSecond, IReadOnlyList<string> Errors, bool HitTimeLimit)
{
    /// <summary>Batches answered 429 (back-pressure) and sent again after the Retry-After wait.</summary>
    public long Throttled { get; init; }

    public double EventsPerSecond => Accepted / Seconds;

    public double P50 => Percentiles.Of(LatenciesMs, 50);

    public double P99 => Percentiles.Of(LatenciesMs, 99);

    public double Max => LatenciesMs.Count == 0 ? double.NaN : LatenciesMs[^1];
}
