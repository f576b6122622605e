using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Omnia.Cli.Commands;

/// <summary>
/// HTTP to a running Omnia server: one base address and one credential. Not reaching the server, and
/// problem+json answers, become a <see cref="CommandFailure"/> whose one line says what happened.
/// </summary>
internal sealed class OmniaHttp : IDisposable
{
    /// <summary>The server's JSON conventions (camelCase, enums as camelCase strings).</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private readonly HttpClient _client;

    private OmniaHttp(Uri baseAddress, AuthenticationHeaderValue credential, TimeSpan timeout)
    {
        _client = new HttpClient { BaseAddress = baseAddress, Timeout = timeout };
        _client.DefaultRequestHeaders.Authorization = credential;
        _client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    public Uri BaseAddress => _client.BaseAddress!;

    /// <summary>With an admin key (<c>Authorization: Bearer</c>), for the admin API.</summary>
    public static OmniaHttp WithAdminKey(string url, string adminKey) =>
        new(ParseUrl(url), new AuthenticationHeaderValue("Bearer", adminKey), TimeSpan.FromMinutes(5));

    /// <summary>With a source's write key as the HTTP Basic user name, for the Segment API.</summary>
    public static OmniaHttp WithWriteKey(string url, string writeKey) =>
        new(ParseUrl(url), new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(writeKey + ":"))), TimeSpan.FromMinutes(2));

    /// <summary>Sends a request; only failing to reach the server throws.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/')) { Content = content };
        try
        {
            return await _client.SendAsync(request, ct);
        }
        catch (HttpRequestException ex)
        {
            throw new CommandFailure($"Cannot reach Omnia at {BaseAddress}: {Reason(ex)}. Is the server running there? Check --url.");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new CommandFailure($"Omnia at {BaseAddress} did not answer {method} /{path.TrimStart('/')} within {_client.Timeout.TotalSeconds:0} seconds.");
        }
    }

    /// <summary>Sends a request and reads a successful answer as <typeparamref name="T"/>; any other answer throws.</summary>
    public async Task<T> SendAsync<T>(HttpMethod method, string path, HttpContent? content, CancellationToken ct)
    {
        using var response = await SendAsync(method, path, content, ct);
        return await ReadAsync<T>(response, ct);
    }

    public async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken ct)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw await FailureAsync(response, ct);
        }

        string body = await response.Content.ReadAsStringAsync(ct);
        try
        {
            return JsonSerializer.Deserialize<T>(body, Json) ?? throw new JsonException("null");
        }
        catch (JsonException)
        {
            throw new CommandFailure($"Omnia at {BaseAddress} answered {Describe(response)} with something that is not the expected JSON; is --url an Omnia server?");
        }
    }

    /// <summary>
    /// The failure an unsuccessful answer stands for: the problem's detail (written for people) and its listed errors;
    /// exit code 1 for 404, 2 otherwise.
    /// </summary>
    public async Task<CommandFailure> FailureAsync(HttpResponseMessage response, CancellationToken ct)
    {
        int exitCode = (int)response.StatusCode == 404 ? CommandFailure.NotFound : CommandFailure.Refused;
        string body = await response.Content.ReadAsStringAsync(ct);
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            string? message = Text(root, "detail") ?? Text(root, "title");
            if (message is not null)
            {
                var errors = root.TryGetProperty("errors", out var list) && list.ValueKind == JsonValueKind.Array
                    ? list.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText()).ToList()
                    : [];
                return new CommandFailure(message, exitCode, errors);
            }
        }
        catch (JsonException)
        {
            // Not problem+json (a proxy's page, another server): report the status.
        }

        return new CommandFailure($"Omnia at {BaseAddress} answered {Describe(response)}.", exitCode);
    }

    public void Dispose() => _client.Dispose();

    private static Uri ParseUrl(string url)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new CommandFailure($"--url '{url}' is not an http(s) URL; give the server's address, e.g. http://127.0.0.1:5000.");
        }

        // A base address ends with '/' so that relative paths keep a path prefix (a server behind /omnia/).
        return uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
    }

    private static string Reason(HttpRequestException ex)
    {
        Exception innermost = ex;
        while (innermost.InnerException is not null)
        {
            innermost = innermost.InnerException;
        }

        return innermost is SocketException socket ? socket.SocketErrorCode switch
        {
            SocketError.ConnectionRefused => "connection refused",
            SocketError.HostNotFound or SocketError.NoData => "no such host",
            SocketError.TimedOut => "the connection timed out",
            _ => socket.Message,
        } : innermost.Message.TrimEnd('.');
    }

    private static string Describe(HttpResponseMessage response) => $"{(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd();

    private static string? Text(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            && value.GetString() is { Length: > 0 } text ? text : null;
}
