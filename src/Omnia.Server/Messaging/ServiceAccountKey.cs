using System.Text.Json;

namespace Omnia.Server.Messaging;

/// <summary>The parts of a Google service-account JSON key that the OAuth token exchange needs.</summary>
public sealed record ServiceAccountKey(string ProjectId, string ClientEmail, string PrivateKeyPem, string? PrivateKeyId, Uri TokenUri)
{
    /// <exception cref="FormatException">Not a service-account key; the message says which field is missing.</exception>
    public static ServiceAccountKey Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        string Required(string name) =>
            root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s
                ? s
                : throw new FormatException($"The service account key has no '{name}'; download the key again from the Firebase console (Project settings → Service accounts).");
        var tokenUri = root.TryGetProperty("token_uri", out var t) && t.GetString() is { } uri ? new Uri(uri) : new Uri("https://oauth2.googleapis.com/token");
        return new ServiceAccountKey(Required("project_id"), Required("client_email"), Required("private_key"),
            root.TryGetProperty("private_key_id", out var id) ? id.GetString() : null, tokenUri);
    }
}
