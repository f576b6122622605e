using System.Text;

namespace Omnia.Cli.Commands;

/// <summary>The measurement API of a running server, with an admin key.</summary>
internal sealed class RemoteMeasurement(OmniaHttp http, string workspace) : IMeasurementSession
{
    private readonly string _prefix = $"api/v1/workspaces/{Uri.EscapeDataString(workspace)}/";

    public async Task<string> GetAsync(string pathAndQuery, CancellationToken ct)
    {
        using var response = await http.SendAsync(HttpMethod.Get, _prefix + pathAndQuery, null, ct);
        return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync(ct) : throw await http.FailureAsync(response, ct);
    }

    public async Task<string> PostAsync(string pathAndQuery, string body, string contentType, CancellationToken ct)
    {
        using var content = new StringContent(body, Encoding.UTF8, contentType);
        using var response = await http.SendAsync(HttpMethod.Post, _prefix + pathAndQuery, content, ct);
        return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync(ct) : throw await http.FailureAsync(response, ct);
    }

    public ValueTask DisposeAsync()
    {
        http.Dispose();
        return ValueTask.CompletedTask;
    }
}
