namespace Omnia.Cli.Commands;

/// <summary>
/// The measurement API of one workspace, as text (JSON, CSV or HTML exactly as the API answers): on a local data
/// directory (<see cref="LocalMeasurement"/>, the same code the endpoints call) or a running server
/// (<see cref="RemoteMeasurement"/>). A refusal is a <see cref="CommandFailure"/> with the API's message and errors.
/// </summary>
internal interface IMeasurementSession : IAsyncDisposable
{
    /// <summary>GET <c>/api/v1/workspaces/{workspace}/</c> + <paramref name="pathAndQuery"/>.</summary>
    Task<string> GetAsync(string pathAndQuery, CancellationToken ct);

    /// <summary>POST a body to <c>/api/v1/workspaces/{workspace}/</c> + <paramref name="pathAndQuery"/>.</summary>
    Task<string> PostAsync(string pathAndQuery, string body, string contentType, CancellationToken ct);
}
