namespace Omnia.Server.Messaging;

/// <summary>
/// Firebase Cloud Messaging (HTTP v1): the service account key (its project, unless <see cref="ProjectId"/> overrides it),
/// and the base URL of the FCM API and of the token exchange, both configurable so a test (or a proxy) can stand in.
/// </summary>
public sealed record FcmSettings(ServiceAccountKey Key, Uri BaseUrl, Uri? TokenUrl = null, string? ProjectId = null)
{
    public static readonly Uri DefaultBaseUrl = new("https://fcm.googleapis.com/");

    /// <summary>The OAuth scope FCM needs.</summary>
    public const string Scope = "https://www.googleapis.com/auth/firebase.messaging";

    public string Project => ProjectId ?? Key.ProjectId;

    /// <summary>
    /// From <c>OMNIA_FCM_SERVICE_ACCOUNT</c> (the path of the service account JSON key), <c>OMNIA_FCM_PROJECT_ID</c>
    /// (optional), <c>OMNIA_FCM_BASE_URL</c> and <c>OMNIA_FCM_TOKEN_URL</c> (optional); null when no key is set.
    /// </summary>
    public static FcmSettings? FromEnvironment(Func<string, string?>? read = null)
    {
        read ??= Environment.GetEnvironmentVariable;
        if (read("OMNIA_FCM_SERVICE_ACCOUNT") is not { Length: > 0 } path)
            return null;
        var key = ServiceAccountKey.Parse(File.ReadAllText(path));
        return new FcmSettings(key,
            read("OMNIA_FCM_BASE_URL") is { Length: > 0 } b ? new Uri(b) : DefaultBaseUrl,
            read("OMNIA_FCM_TOKEN_URL") is { Length: > 0 } t ? new Uri(t) : null,
            read("OMNIA_FCM_PROJECT_ID") is { Length: > 0 } p ? p : null);
    }
}
