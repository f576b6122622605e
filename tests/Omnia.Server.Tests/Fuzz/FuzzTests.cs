using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Omnia.Server.Tests.Fuzz;

/// <summary>
/// Issue 11: thousands of generated malformed, oversized, deeply nested, wrongly typed and hostile requests (fixed
/// seed, so every run sends the same ones) at every public endpoint of one real <c>omnia serve</c> process: all
/// ingestion routes, every admin API operation its own OpenAPI document lists, and the dashboard's pages and forms
/// (sign-in and every POST form, antiforgery token included). Required: no 5xx, no request that hangs, nothing
/// stored from a rejected event, and server memory (RSS from /proc) that stays within a bound.
/// </summary>
public sealed class FuzzTests : IAsyncLifetime
{
    private const int Seed = 11;
    private const int IngestionRequests = 6_000;
    private const int AdminRequests = 4_000;
    private const int DashboardRequests = 1_800;
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(20);

    /// <summary>How much the server's resident memory may grow over the whole run.</summary>
    private const long MaxRssGrowthBytes = 400L * 1024 * 1024;

    private readonly HostileInput _input = new(Seed);
    private readonly List<string> _failures = [];
    private string _data = "";
    private OmniaProcess _node = null!;
    private HttpClient _http = null!;
    private SqliteConnection _log = null!;
    private int _requests;

    public async Task InitializeAsync()
    {
        _data = Directory.CreateTempSubdirectory("omnia-fuzz-").FullName;
        _node = await OmniaProcess.ServeAsync(_data);
        // Header values go out as UTF-8 bytes, so the server also sees headers that are not ASCII.
        var handler = new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8 };
        _http = new HttpClient(handler) { BaseAddress = _node.Client.BaseAddress, Timeout = RequestTimeout };
        _log = new SqliteConnection($"Data Source={Path.Combine(_data, "omnia.db")};Mode=ReadOnly;Pooling=False");
        _log.Open();
    }

    public async Task DisposeAsync()
    {
        _log.Dispose();
        _http.Dispose();
        await _node.DisposeAsync();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }

    [Fact]
    public async Task Thousands_of_hostile_requests_to_every_public_endpoint_get_no_5xx_no_hang_store_nothing_rejected_and_keep_memory_bounded()
    {
        var context = await SeedAsync();
        long rssBefore = Rss();
        var clock = Stopwatch.StartNew();

        for (int i = 0; i < IngestionRequests; i++)
        {
            await IngestOnceAsync(i);
        }

        var operations = FuzzTargets.AdminOperations(JsonDocument.Parse(await _http.GetStringAsync("/openapi/v1.json")).RootElement);
        Assert.True(operations.Count >= 25, $"Only {operations.Count} admin operations in /openapi/v1.json");
        for (int i = 0; i < AdminRequests; i++)
        {
            await AdminOnceAsync(operations[i % operations.Count], context);
        }

        using (var dashboard = await DashboardHttp.SignInAsync(_http.BaseAddress!, timeout: RequestTimeout))
        {
            for (int i = 0; i < DashboardRequests; i++)
            {
                await DashboardOnceAsync(dashboard, i, context);
            }
        }

        await CanaryAsync();
        long rssAfter = Rss();
        string summary = $"{_requests:N0} requests in {clock.Elapsed.TotalSeconds:N0} s; RSS {rssBefore / 1048576} MB before, {rssAfter / 1048576} MB after";
        Console.WriteLine("Fuzz: " + summary + "; answers: " + string.Join(", ", _statuses.Select(s => $"{s.Key}: {s.Value}")));
        Assert.True(_failures.Count == 0, $"{_failures.Count} failure(s) ({summary}):\n" + string.Join("\n", _failures.Take(40))
            + "\n--- server output ---\n" + string.Join("\n", _node.RecentOutput.Where(l => l.Contains("Exception", StringComparison.Ordinal) || l.Contains("fail", StringComparison.Ordinal)).Take(40)));
        Assert.True(rssAfter - rssBefore < MaxRssGrowthBytes, $"The server's memory grew by {(rssAfter - rssBefore) / 1048576} MB ({summary}).");
    }

    /// <summary>Ids the requests can aim at: a real profile, source, segment and computed trait.</summary>
    private sealed record Known(string ProfileId, int SourceId, string Segment, string Trait, string Persona);

    private async Task<Known> SeedAsync()
    {
        var batch = "{\"batch\":[" + string.Join(",", Enumerable.Range(0, 40).Select(n => FuzzTargets.Event(n % 3 == 0 ? "identify" : "track", n))) + "]}";
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Post, "/v1/batch", Encoding.UTF8.GetBytes(batch), basic: TestNode.WriteKey))!.StatusCode);
        Assert.True((await AdminTextAsync(HttpMethod.Put, "/api/v1/workspaces/default/segments/fuzz-seg", FuzzTargets.AdminTemplate("PUT", "/segments/fuzz-seg"))).IsSuccessStatusCode);
        Assert.True((await AdminTextAsync(HttpMethod.Put, "/api/v1/workspaces/default/computed-traits/fuzz_spend", FuzzTargets.AdminTemplate("PUT", "/computed-traits/fuzz_spend"))).IsSuccessStatusCode);
        string profile = "";
        for (int i = 0; i < 200 && profile.Length == 0; i++)
        {
            var lookup = await AdminTextAsync(HttpMethod.Get, "/api/v1/workspaces/default/profiles/lookup?type=userId&value=fz-1", null);
            if (lookup.IsSuccessStatusCode)
            {
                profile = JsonDocument.Parse(await lookup.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
            }
            else
            {
                await Task.Delay(100);
            }
        }

        Assert.NotEmpty(profile);
        // The source the fuzzed routes aim at is a throwaway one: they may rotate, disable or delete it, and the
        // canary keeps sending with the default source's write key.
        var target = await AdminTextAsync(HttpMethod.Post, "/api/v1/workspaces/default/sources", """{"name":"Fuzz target","kind":"server"}""");
        Assert.True(target.IsSuccessStatusCode);
        int sourceId = JsonDocument.Parse(await target.Content.ReadAsStringAsync()).RootElement.GetProperty("source").GetProperty("id").GetInt32();
        return new Known(profile, sourceId, "fuzz-seg", "fuzz_spend", "p1");
    }

    private async Task IngestOnceAsync(int n)
    {
        string route = _input.Pick(FuzzTargets.IngestionRoutes);
        bool batch = route is "/v1/batch" or "/v1/b" or "/v1/import";
        string type = route.Length == 5 ? TypeOf(route[4]) : route[4..];
        string template = batch
            ? "{\"batch\":[" + string.Join(",", Enumerable.Range(0, _input.Random.Next(1, 20)).Select(k => FuzzTargets.Event(_input.Pick(["track", "identify", "page", "screen", "group", "alias"]), n * 100 + k))) + "],\"sentAt\":\"2025-03-01T12:00:05Z\"}"
            : FuzzTargets.Event(type, n);
        int kind = _input.Random.Next(100);
        if (kind < 4)
        {
            // Another kind of request on the same paths: a preflight, the SDK settings, a GET on a POST route.
            await CheckAsync("ingestion", await OtherIngestionRequestAsync(route), route, "");
            return;
        }

        byte[] body = kind switch
        {
            < 30 => Encoding.UTF8.GetBytes(template),
            < 33 => Oversized(template),
            _ => _input.Body(template),
        };
        if (_input.Chance(0.1) && body.Length > 0 && body[0] == (byte)'{')
        {
            body = [.. Encoding.UTF8.GetBytes($"{{\"writeKey\":{JsonSerializer.Serialize(_input.Chance(0.7) ? TestNode.WriteKey : _input.String())},"), .. body[1..]];
        }

        string? basic = _input.Random.Next(10) switch
        {
            < 7 => TestNode.WriteKey,
            7 => _input.String(),
            _ => null,
        };
        var headers = new List<(string, string)>();
        if (_input.Chance(0.15))
        {
            headers.Add(("Origin", _input.Chance(0.5) ? "https://shop.example.com" : _input.String()));
        }

        if (_input.Chance(0.1))
        {
            headers.Add(("SentAt", _input.String()));
        }

        if (_input.Chance(0.1))
        {
            headers.Add(("AnonymousId", _input.Chance(0.5) ? Convert.ToBase64String(Encoding.UTF8.GetBytes(_input.String())) : _input.String()));
        }

        string? encoding = _input.Random.Next(20) switch
        {
            0 or 1 => "gzip",
            2 => "gzip-lie",
            3 => _input.Pick(["br", "deflate", "identity", "gzip, gzip", "x-gzip", "", "GZIP"]),
            _ => null,
        };
        if (encoding == "gzip")
        {
            body = Gzip(body);
        }

        long before = LastSeq();
        var response = await SendAsync(HttpMethod.Post, route, body, basic, headers,
            contentType: _input.Pick(["application/json", "text/plain", "application/json; charset=utf-8", "", "application/x-www-form-urlencoded", "x/\u00e9"]),
            encoding: encoding == "gzip-lie" ? "gzip" : encoding);
        string preview = Preview(body);
        if (!await CheckAsync("ingestion", response, route, preview))
        {
            return;
        }

        long after = LastSeq();
        int status = (int)response!.StatusCode;
        if (status >= 400 && after != before)
        {
            _failures.Add($"ingestion POST {route} answered {status} but stored {after - before} event(s): {preview}");
        }
        else if (status == 200 && route != "/v1/m")
        {
            var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            int accepted = json.GetProperty("accepted").GetInt32();
            if (after - before != accepted)
            {
                _failures.Add($"ingestion POST {route} accepted {accepted} but the log grew by {after - before}: {preview}");
            }
        }
    }

    private static string TypeOf(char letter) => letter switch
    {
        't' => "track", 'i' => "identify", 'p' => "page", 's' => "screen", 'g' => "group", 'a' => "alias", _ => "track",
    };

    private async Task<HttpResponseMessage?> OtherIngestionRequestAsync(string route)
    {
        switch (_input.Random.Next(3))
        {
            case 0:
                var headers = new List<(string, string)> { ("Origin", _input.String()), ("Access-Control-Request-Method", _input.Pick(["POST", "GET", _input.String()])) };
                if (_input.Chance(0.7))
                {
                    headers.Add(("Access-Control-Request-Headers", _input.Chance(0.5) ? "authorization,content-type" : _input.String()));
                }

                return await SendAsync(HttpMethod.Options, route, null, null, headers);
            case 1:
                string key = _input.Chance(0.3) ? TestNode.WriteKey : Uri.EscapeDataString(_input.String());
                return await SendAsync(HttpMethod.Get, $"/v1/projects/{key}/settings", null, null, [("Origin", _input.String())]);
            default:
                return await SendAsync(HttpMethod.Get, route, null, TestNode.WriteKey);
        }
    }

    private byte[] Oversized(string template) => _input.Random.Next(3) switch
    {
        0 => Encoding.UTF8.GetBytes("{\"batch\":[" + string.Join(",", Enumerable.Repeat(template.StartsWith("{\"batch", StringComparison.Ordinal) ? FuzzTargets.Event("track", 1) : template, 3_000)) + "]}"),
        1 => Encoding.UTF8.GetBytes(template.Insert(1, $"\"blob\":\"{new string('x', 40_000)}\",")),
        _ => Gzip(new byte[2_000_000]),
    };

    private async Task AdminOnceAsync(ApiOperation operation, Known known)
    {
        string path = Fill(operation.Path, known, apiStyle: true);
        var query = new List<string>();
        foreach (var name in operation.QueryParameters)
        {
            if (_input.Chance(0.6))
            {
                string plausible = _input.Pick(["1", "0", "-1", "100000000", "true", "userId", "email", "fz-1", "a", "2147483648", "plan", "pro", "fz1@example.com"]);
                string value = _input.Random.Next(3) switch
                {
                    0 => _input.String(),
                    1 => _input.Chance(0.5) ? plausible + _input.String() : _input.String() + plausible,
                    _ => plausible,
                };
                query.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }

        if (_input.Chance(0.05))
        {
            query.Add($"{Uri.EscapeDataString(_input.String())}={Uri.EscapeDataString(_input.String())}");
        }

        string url = query.Count == 0 ? path : path + "?" + string.Join("&", query);
        byte[]? body = null;
        if (operation.Method is "POST" or "PUT" or "PATCH")
        {
            string template = FuzzTargets.AdminTemplate(operation.Method, operation.Path);
            body = _input.Chance(0.2) ? Encoding.UTF8.GetBytes(template) : _input.Body(template);
        }

        var request = new HttpRequestMessage(new HttpMethod(operation.Method), url);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", _input.Chance(0.85) ? "application/json" : _input.Pick(["text/plain", "application/xml", "", "application/json; charset=latin1"]));
        }

        string? auth = _input.Random.Next(20) switch
        {
            0 => null,
            1 => "Bearer " + _input.String(),
            2 => "Bearer " + TestNode.WriteKey,
            3 => "Basic " + _input.String(),
            _ => "Bearer " + TestNode.AdminKey,
        };
        if (auth is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", HeaderSafe(auth));
        }

        await CheckAsync("admin", await SendAsync(request), $"{operation.Method} {url}", body is null ? "" : Preview(body));
    }

    private string Fill(string template, Known known, bool apiStyle)
    {
        string Value(string normal) => _input.Chance(0.8) ? normal : Uri.EscapeDataString(_input.String()) is { Length: > 0 } hostile ? hostile : "%20";
        return template
            .Replace("{workspace}", Value("default"), StringComparison.Ordinal)
            .Replace("{id}", Value(apiStyle && template.Contains("/sources/", StringComparison.Ordinal) ? known.SourceId.ToString(System.Globalization.CultureInfo.InvariantCulture) : known.ProfileId), StringComparison.Ordinal)
            .Replace("{slug}", Value(known.Segment), StringComparison.Ordinal)
            .Replace("{name}", Value(known.Trait), StringComparison.Ordinal)
            .Replace("{key}", Value(known.Persona), StringComparison.Ordinal)
            .Replace("{writeKey}", Value(TestNode.WriteKey), StringComparison.Ordinal);
    }

    private async Task DashboardOnceAsync(DashboardHttp dashboard, int n, Known known)
    {
        string page = Fill(FuzzTargets.DashboardPages[n % FuzzTargets.DashboardPages.Length], known, apiStyle: false);
        if (n % 3 != 0)
        {
            // A page with hostile query values (search, filters, paging).
            string query = string.Join("&", Enumerable.Range(0, _input.Random.Next(1, 4)).Select(_ =>
                $"{_input.Pick(["q", "trait", "page", "after", "before", "sort", "stage", "segment", "returnUrl", "ReturnUrl", "signedOut", "trained", "window", _input.String()])}={Uri.EscapeDataString(_input.Chance(0.5) ? "fz" + _input.String() : _input.String())}"));
            await CheckAsync("dashboard", await SendAsync(new HttpRequestMessage(HttpMethod.Get, page + "?" + query), dashboard.Client), $"GET {page}?{query}", "");
            return;
        }

        IReadOnlyList<HtmlForm> forms;
        using (var get = await SendAsync(new HttpRequestMessage(HttpMethod.Get, page), dashboard.Client))
        {
            if (!await CheckAsync("dashboard", get, $"GET {page}", "") || !get!.IsSuccessStatusCode)
            {
                return;
            }
        }

        forms = (await dashboard.FormsAsync(page)).Where(f => f.Action != "/signout").ToList();
        if (page == "/signin")
        {
            // The sign-in form, fuzzed by someone who is not signed in.
            using var anonymous = DashboardHttp.Anonymous(_http.BaseAddress!, RequestTimeout);
            forms = await anonymous.FormsAsync("/signin");
            foreach (var form in forms)
            {
                await PostFuzzedAsync(anonymous, form);
            }

            return;
        }

        foreach (var form in forms)
        {
            await PostFuzzedAsync(dashboard, form);
        }
    }

    private async Task PostFuzzedAsync(DashboardHttp client, HtmlForm form)
    {
        var fields = new Dictionary<string, string>(form.Fields, StringComparer.Ordinal);
        foreach (var name in fields.Keys.ToList())
        {
            bool plumbing = name is "_handler" or "__RequestVerificationToken";
            if (plumbing ? _input.Chance(0.08) : _input.Chance(0.7))
            {
                fields[name] = _input.Chance(0.3) ? _input.Value() : _input.String();
            }
        }

        if (_input.Chance(0.1))
        {
            fields[_input.String()] = _input.String();
        }

        var fuzzed = form with { Fields = fields };
        using var content = new FormUrlEncodedContent(fields);
        var request = new HttpRequestMessage(HttpMethod.Post, fuzzed.Action) { Content = content };
        await CheckAsync("dashboard form", await SendAsync(request, client.Client), $"POST {fuzzed.Action} (from {form.Page})",
            string.Join("&", fields.Where(f => f.Key != "__RequestVerificationToken").Select(f => $"{f.Key}={Shorten(f.Value)}")));
    }

    /// <summary>After all that, the node still takes a valid event into a profile, and reports healthy.</summary>
    private async Task CanaryAsync()
    {
        string id = "canary-" + Guid.NewGuid().ToString("N")[..6];
        // The fuzzing may have revoked, rotated or disabled every key it could see (Sources & keys has a form per key
        // and source), so the canary uses keys an operator adds straight to the store afterwards.
        string canaryKey = "ak_canary_" + Guid.NewGuid().ToString("N");
        string canaryWriteKey = "wk_canary_" + Guid.NewGuid().ToString("N");
        using (var store = new SqliteConnection($"Data Source={Path.Combine(_data, "omnia.db")};Pooling=False;Default Timeout=60"))
        {
            store.Open();
            using var insert = store.CreateCommand();
            insert.CommandText = "INSERT INTO api_keys (workspace_id, name, role, key_hash, prefix, created_at) VALUES (NULL, 'canary', 3, $hash, 'ak_canar…', 0)";
            insert.Parameters.AddWithValue("$hash", Omnia.Core.Workspaces.SecretKeys.Hash(canaryKey));
            insert.ExecuteNonQuery();
            using var source = store.CreateCommand();
            source.CommandText = "INSERT INTO sources (workspace_id, name, kind, write_key_hash, write_key_prefix, created_at) VALUES (1, 'canary', 'server', $hash, 'wk_canar…', 0)";
            source.Parameters.AddWithValue("$hash", Omnia.Core.Workspaces.SecretKeys.Hash(canaryWriteKey));
            source.ExecuteNonQuery();
        }

        var sent = await SendAsync(HttpMethod.Post, "/v1/track", Encoding.UTF8.GetBytes($$"""{"userId":"{{id}}","event":"Canary"}"""), canaryWriteKey);
        Assert.Equal(HttpStatusCode.OK, sent!.StatusCode);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/workspaces/default/profiles/lookup?type=userId&value={id}");
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", canaryKey);
            var lookup = await _http.SendAsync(request);
            if (lookup.IsSuccessStatusCode)
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, $"After the fuzzing, a valid event did not reach a profile within 60 s: the lookup answered {(int)lookup.StatusCode} {await lookup.Content.ReadAsStringAsync()}");
            await Task.Delay(200);
        }

        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("/health")).StatusCode);
    }

    private readonly SortedDictionary<string, int> _statuses = new(StringComparer.Ordinal);

    private async Task<bool> CheckAsync(string area, HttpResponseMessage? response, string what, string preview)
    {
        string key = $"{area} {(response is null ? "timeout" : ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture))}";
        _statuses[key] = _statuses.GetValueOrDefault(key) + 1;
        if (response is null)
        {
            _failures.Add($"{area} {what} did not answer within {RequestTimeout.TotalSeconds:N0} s: {preview}");
            return false;
        }

        if ((int)response.StatusCode >= 500)
        {
            _failures.Add($"{area} {what} answered {(int)response.StatusCode}: {preview}");
            return false;
        }

        return true;
    }

    private Task<HttpResponseMessage?> SendAsync(HttpMethod method, string path, byte[]? body, string? basic, IEnumerable<(string Name, string Value)>? headers = null,
        string contentType = "application/json", string? encoding = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            if (contentType.Length > 0)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }

            if (encoding is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Encoding", encoding);
            }
        }

        if (basic is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(basic + ":")));
        }

        foreach (var (name, value) in headers ?? [])
        {
            request.Headers.TryAddWithoutValidation(name, HeaderSafe(value));
        }

        return SendAsync(request);
    }

    private async Task<HttpResponseMessage?> SendAsync(HttpRequestMessage request, HttpClient? client = null)
    {
        _requests++;
        try
        {
            return await (client ?? _http).SendAsync(request);
        }
        catch (TaskCanceledException)
        {
            return null;
        }
        catch (HttpRequestException ex)
        {
            // A header value .NET refuses to send never reaches the server; anything else is the server's fault.
            _failures.Add($"{request.Method} {request.RequestUri} failed: {ex.Message}");
            return new HttpResponseMessage(HttpStatusCode.BadRequest);
        }
    }

    private Task<HttpResponseMessage> AdminTextAsync(HttpMethod method, string path, string? json)
    {
        var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestNode.AdminKey);
        return _http.SendAsync(request);
    }

    private long LastSeq()
    {
        using var command = _log.CreateCommand();
        command.CommandText = "SELECT coalesce(max(seq), 0) FROM events";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>The server's resident set size, from /proc.</summary>
    private long Rss()
    {
        foreach (var line in File.ReadLines($"/proc/{_node.ProcessId}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException("No VmRSS in /proc/status");
    }

    /// <summary>HTTP has no way to send a line break or a NUL in a header value; everything else goes.</summary>
    private static string HeaderSafe(string value) => value.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal).Replace("\0", "", StringComparison.Ordinal);

    private static byte[] Gzip(byte[] raw)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(raw);
        }

        return buffer.ToArray();
    }

    private static string Preview(byte[] body) => Shorten(Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 300))));

    private static string Shorten(string text) =>
        JsonSerializer.Serialize(text.Length > 200 ? text[..200] + "…" : text);
}
