using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Omnia.Core.Audiences;
using Omnia.Server.Audiences;
using Omnia.Server.Profiles;

namespace Omnia.Cli.Commands;

/// <summary>A workspace on a running Omnia server, through the admin API with an admin key.</summary>
internal sealed class RemoteSession : IWorkspaceSession
{
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromMinutes(2);

    private readonly OmniaHttp _http;
    private readonly string _prefix;

    private RemoteSession(OmniaHttp http, string workspace)
    {
        _http = http;
        _prefix = $"api/v1/workspaces/{Uri.EscapeDataString(workspace)}/";
    }

    /// <summary>Connects and checks that the key can see the workspace, so a wrong URL, key or workspace is reported first.</summary>
    public static async Task<RemoteSession> OpenAsync(string url, string adminKey, string workspace, CancellationToken ct)
    {
        var session = new RemoteSession(OmniaHttp.WithAdminKey(url, adminKey), workspace);
        try
        {
            using var response = await session._http.SendAsync(HttpMethod.Get, session._prefix, null, ct);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                throw new CommandFailure($"Omnia at {session._http.BaseAddress} does not accept that admin key; check --admin-key or {CommonOptions.AdminKeyVariable}.");
            }

            if (!response.IsSuccessStatusCode)
            {
                throw await session._http.FailureAsync(response, ct);
            }

            return session;
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    public async Task<ProfileView?> FindProfileAsync(string value, string? type, CancellationToken ct)
    {
        if (type is null && value.StartsWith("prf_", StringComparison.Ordinal) && ProfileIds.TryParse(value, out _))
        {
            return await GetOrNullAsync<ProfileView>($"profiles/{Uri.EscapeDataString(value)}", ct);
        }

        foreach (string t in type is null ? ProfileCommand.GuessTypes(value) : [type])
        {
            using var response = await SendAsync(HttpMethod.Get, $"profiles/lookup?type={Uri.EscapeDataString(t)}&value={Uri.EscapeDataString(value)}", null, ct);
            if (response.StatusCode == HttpStatusCode.NotFound || (type is null && response.StatusCode == HttpStatusCode.BadRequest))
            {
                continue; // a guessed type the value does not fit, or nobody with it: try the next
            }

            return await _http.ReadAsync<ProfileView>(response, ct);
        }

        return null;
    }

    public async Task<IReadOnlyList<TimelineEntry>> TimelineAsync(string profileId, int limit, CancellationToken ct) =>
        (await GetAsync<TimelinePage>($"profiles/{Uri.EscapeDataString(profileId)}/timeline?limit={limit.ToString(CultureInfo.InvariantCulture)}", ct)).Events;

    public async Task<IReadOnlyList<SegmentView>> ListSegmentsAsync(CancellationToken ct) => await GetAsync<List<SegmentView>>("segments", ct);

    public Task<SegmentView?> GetSegmentAsync(string slug, CancellationToken ct) => GetOrNullAsync<SegmentView>(SegmentPath(slug), ct);

    public async Task<IReadOnlyList<ProfileSummary>> MembersAsync(string slug, int limit, CancellationToken ct) =>
        (await GetOrNullAsync<MembersPage>($"{SegmentPath(slug)}/members?limit={limit.ToString(CultureInfo.InvariantCulture)}", ct))?.Members ?? [];

    public async Task<(SegmentView Segment, bool Created)> ApplySegmentAsync(string? slug, string json, CancellationToken ct)
    {
        // Without a slug, save under the one the name gives, as the local store does (POST would refuse an existing one).
        slug ??= SlugFromName(json);
        using var response = slug is null
            ? await SendAsync(HttpMethod.Post, "segments", Body(json), ct)
            : await SendAsync(HttpMethod.Put, SegmentPath(slug), Body(json), ct);
        var saved = await _http.ReadAsync<SegmentView>(response, ct);
        await WaitUntilMembershipSettlesAsync(ct);
        return (await GetSegmentAsync(saved.Slug, ct) ?? saved, response.StatusCode == HttpStatusCode.Created);
    }

    public Task<EstimateView> EstimateAsync(string json, int sample, bool exact, CancellationToken ct) =>
        _http.SendAsync<EstimateView>(
            HttpMethod.Post,
            _prefix + $"segments/estimate?sample={sample.ToString(CultureInfo.InvariantCulture)}&exact={(exact ? "true" : "false")}",
            Body(json),
            ct);

    public async Task<bool> DeleteSegmentAsync(string slug, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Delete, SegmentPath(slug), null, ct);
        return response.StatusCode switch
        {
            HttpStatusCode.NotFound => false,
            _ when response.IsSuccessStatusCode => true,
            _ => throw await _http.FailureAsync(response, ct),
        };
    }

    public async Task<IReadOnlyList<PersonaView>> ListPersonasAsync(CancellationToken ct) => await GetAsync<List<PersonaView>>("personas", ct);

    public async Task<IReadOnlyList<PersonaView>> TrainPersonasAsync(int? k, int seed, CancellationToken ct)
    {
        string query = $"seed={seed.ToString(CultureInfo.InvariantCulture)}" + (k is { } n ? $"&k={n.ToString(CultureInfo.InvariantCulture)}" : "");
        await _http.SendAsync<List<PersonaView>>(HttpMethod.Post, _prefix + "personas/train?" + query, null, ct);
        await WaitUntilMembershipSettlesAsync(ct);
        return await ListPersonasAsync(ct);
    }

    public async Task<bool> RenamePersonaAsync(string key, string name, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Put, $"personas/{Uri.EscapeDataString(key)}", JsonContent.Create(new RenameRequest(name), options: OmniaHttp.Json), ct);
        return response.StatusCode switch
        {
            HttpStatusCode.NotFound => false,
            _ when response.IsSuccessStatusCode => true,
            _ => throw await _http.FailureAsync(response, ct),
        };
    }

    public async Task<string?> ExportPersonAsync(string profileId, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Get, $"privacy/export?profile={Uri.EscapeDataString(profileId)}", null, ct);
        return response.StatusCode == HttpStatusCode.NotFound ? null
            : response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync(ct)
            : throw await _http.FailureAsync(response, ct);
    }

    public async Task<Omnia.Core.Privacy.ErasureRecord?> ErasePersonAsync(string profileId, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Post, "privacy/erase", JsonContent.Create(new { profile = profileId }, options: OmniaHttp.Json), ct);
        return response.StatusCode == HttpStatusCode.NotFound ? null : await _http.ReadAsync<Omnia.Core.Privacy.ErasureRecord>(response, ct);
    }

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// After a change the server recomputes membership in the background; segments say <c>recomputing</c> until it
    /// is done. Waits for that (as the local store catches up) so sizes and persona counts are final.
    /// </summary>
    private async Task WaitUntilMembershipSettlesAsync(CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + SettleTimeout;
        while ((await ListSegmentsAsync(ct)).Any(s => s.Status == "recomputing") && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200, ct);
        }
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken ct) =>
        _http.SendAsync(method, _prefix + path, content, ct);

    private Task<T> GetAsync<T>(string path, CancellationToken ct) => _http.SendAsync<T>(HttpMethod.Get, _prefix + path, null, ct);

    private async Task<T?> GetOrNullAsync<T>(string path, CancellationToken ct) where T : class
    {
        using var response = await SendAsync(HttpMethod.Get, path, null, ct);
        return response.StatusCode == HttpStatusCode.NotFound ? null : await _http.ReadAsync<T>(response, ct);
    }

    private static string SegmentPath(string slug) => "segments/" + Uri.EscapeDataString(slug);

    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    private static string? SlugFromName(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
                && SegmentSlug.FromName(name.GetString()!) is { } slug && SegmentSlug.IsValid(slug)
                    ? slug
                    : null;
        }
        catch (JsonException)
        {
            return null; // the server explains what is wrong with it
        }
    }
}
