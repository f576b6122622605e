using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Omnia.Core.Workspaces;

namespace Omnia.Server.Measurement;

/// <summary>
/// Links to a funnel's survey for one person: <c>/survey/{token}</c>, the token naming the workspace, the funnel and
/// the profile, signed with the workspace's survey secret (HMAC-SHA256), so nobody can answer for someone else.
/// </summary>
public sealed class SurveyLinks(IWorkspaceStore workspaces)
{
    public const string SecretSetting = "survey-secret";

    /// <summary>The token of <paramref name="profileId"/>'s link to the survey of funnel <paramref name="slug"/>.</summary>
    public async Task<string> TokenAsync(int workspaceId, string slug, long profileId, CancellationToken ct = default)
    {
        var payload = string.Create(CultureInfo.InvariantCulture, $"{workspaceId}.{slug}.{profileId}");
        var signature = Sign(await SecretAsync(workspaceId, ct), payload);
        return Base64Url(Encoding.UTF8.GetBytes(payload)) + "." + Base64Url(signature);
    }

    /// <summary>What a token names, or null when it is malformed or its signature does not match.</summary>
    public async Task<(int WorkspaceId, string Slug, long ProfileId)?> ReadAsync(string token, CancellationToken ct = default)
    {
        var parts = token.Split('.');
        if (parts.Length != 2 || FromBase64Url(parts[0]) is not { } payloadBytes || FromBase64Url(parts[1]) is not { } signature)
            return null;
        var payload = Encoding.UTF8.GetString(payloadBytes);
        var fields = payload.Split('.');
        if (fields.Length != 3 || !int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var workspaceId)
            || !long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var profileId))
            return null;
        if (await workspaces.GetSettingAsync(workspaceId, SecretSetting, ct) is not { } secret)
            return null;
        var expected = Sign(Convert.FromBase64String(secret.Trim('"')), payload);
        return CryptographicOperations.FixedTimeEquals(expected, signature) ? (workspaceId, fields[1], profileId) : null;
    }

    private async Task<byte[]> SecretAsync(int workspaceId, CancellationToken ct)
    {
        if (await workspaces.GetSettingAsync(workspaceId, SecretSetting, ct) is { } stored)
            return Convert.FromBase64String(stored.Trim('"'));
        var secret = RandomNumberGenerator.GetBytes(32);
        await workspaces.PutSettingAsync(workspaceId, SecretSetting, "\"" + Convert.ToBase64String(secret) + "\"", ct);
        return secret;
    }

    private static byte[] Sign(byte[] secret, string payload) => HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(payload))[..16];

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[]? FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - padded.Length % 4) % 4);
        try
        {
            return Convert.FromBase64String(padded);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
