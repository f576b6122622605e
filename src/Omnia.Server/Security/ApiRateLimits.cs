using System.Globalization;
using System.Net.Http.Headers;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Omnia.Core.Workspaces;
using Omnia.Server.Dashboard.Accounts;

namespace Omnia.Server.Security;

/// <summary>
/// ASP.NET Core's rate limiter in front of the APIs: a token bucket per write key on the Segment API (per client
/// address when the key is sent in the body), per admin key, signed-in session or client address on the admin API,
/// and per client address on sign-in form posts. Past the limit a request gets 429 problem+json with Retry-After
/// (the Segment SDKs retry it). Keys are partitioned by their hash, so no secret is kept in the limiter.
/// </summary>
public static class ApiRateLimits
{
    public static IServiceCollection AddApiRateLimits(this IServiceCollection services, SecurityOptions options) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => Partition(http, options));
            limiter.OnRejected = RejectAsync;
        });

    private static RateLimitPartition<string> Partition(HttpContext http, SecurityOptions options)
    {
        var request = http.Request;
        string path = request.Path.Value ?? "";
        if (path.StartsWith("/v1/", StringComparison.Ordinal))
        {
            string? writeKey = Ingestion.WriteKeys.FromAuthorizationHeader(request.Headers.Authorization);
            return Bucket("ingest:" + (writeKey is null ? Address(http) : SecretKeys.Hash(writeKey)), options.Ingestion);
        }

        if (path.StartsWith("/api/", StringComparison.Ordinal))
        {
            return Bucket("admin:" + (AdminIdentity(request) ?? Address(http)), options.Admin);
        }

        if (HttpMethods.IsPost(request.Method) && path.Equals("/signin", StringComparison.OrdinalIgnoreCase))
        {
            return Bucket("signin:" + Address(http), options.SignInRequests);
        }

        return RateLimitPartition.GetNoLimiter("none");
    }

    private static string? AdminIdentity(HttpRequest request)
    {
        if (AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header) && header.Parameter is { Length: > 0 } credential)
        {
            return "key:" + SecretKeys.Hash(credential);
        }

        return request.Cookies[DashboardUsers.CookieName] is { Length: > 0 } cookie ? "session:" + SecretKeys.Hash(cookie) : null;
    }

    private static string Address(HttpContext http) => "ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    private static RateLimitPartition<string> Bucket(string key, RateLimit limit) =>
        RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = limit.Burst,
            TokensPerPeriod = limit.PerPeriod,
            ReplenishmentPeriod = limit.Period,
            QueueLimit = 0,
            AutoReplenishment = true,
        });

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        int seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await Problems.TooManyRequests($"Too many requests with this key or from this address; retry after {seconds} second(s).")
            .ExecuteAsync(context.HttpContext).ConfigureAwait(false);
    }
}
