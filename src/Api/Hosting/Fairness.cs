using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using WorkflowDefinitions.Api.Auth;
using WorkflowDefinitions.Api.Errors;

namespace WorkflowDefinitions.Api.Hosting;

/// <summary>
/// Configuration section <c>RateLimiting</c>: per organization, how many requests a second (a token bucket of
/// <see cref="Burst"/> tokens) and how many at once. 0 turns a limit off; both are off by default.
/// </summary>
public sealed class RateLimitingOptions
{
    public const string SectionName = "RateLimiting";

    public int RequestsPerSecond { get; set; }

    /// <summary>Requests an organization may make at once above its rate (0: as many as <see cref="RequestsPerSecond"/>).</summary>
    public int Burst { get; set; }

    public int ConcurrentRequests { get; set; }
}

/// <summary>
/// One organization cannot take the service from the others: requests beyond its rate or its concurrency are answered
/// 429 with <c>Retry-After</c> (ASP.NET Core's rate limiting, partitioned by the organization of the token), and a
/// request that runs longer than <c>RequestLimits__RequestTimeoutSeconds</c> is answered 504 (request-timeouts
/// middleware). Unauthenticated requests are not limited here: they end in a 401 before any work.
/// </summary>
public static class Fairness
{
    public static IServiceCollection AddFairness(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitingOptions>()
            .Bind(configuration.GetSection(RateLimitingOptions.SectionName))
            .Validate(o => o.RequestsPerSecond >= 0 && o.Burst >= 0 && o.ConcurrentRequests >= 0, "RateLimiting values must not be negative.")
            .ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitingOptions>>((limiter, options) =>
        {
            limiter.GlobalLimiter = PerOrganization(options.Value);
            limiter.OnRejected = RejectAsync;
        });

        services.AddRequestTimeouts();
        services.AddOptions<RequestTimeoutOptions>().Configure<IOptions<RequestLimitsOptions>>((timeouts, limits) =>
        {
            if (limits.Value.RequestTimeoutSeconds > 0)
            {
                timeouts.DefaultPolicy = new RequestTimeoutPolicy
                {
                    Timeout = TimeSpan.FromSeconds(limits.Value.RequestTimeoutSeconds),
                    TimeoutStatusCode = StatusCodes.Status504GatewayTimeout,
                    WriteTimeoutResponse = context => ErrorResponseWriter.WriteAsync(
                        context, StatusCodes.Status504GatewayTimeout, new ErrorResponse(ErrorMessages.RequestTimedOut), CancellationToken.None),
                };
            }
        });
        return services;
    }

    /// <summary>Between authentication (which knows the organization) and everything that costs.</summary>
    public static IApplicationBuilder UseFairness(this IApplicationBuilder app) => app.UseRateLimiter().UseRequestTimeouts();

    /// <summary>The limits that are on, chained; none (no limiter, nothing done per request) when both are off.</summary>
    private static PartitionedRateLimiter<HttpContext>? PerOrganization(RateLimitingOptions options)
    {
        var limiters = new List<PartitionedRateLimiter<HttpContext>>();
        if (options.RequestsPerSecond > 0)
        {
            limiters.Add(PartitionedRateLimiter.Create<HttpContext, string>(context =>
                OrganizationOf(context) is { } organization
                    ? RateLimitPartition.GetTokenBucketLimiter(organization, _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = options.Burst > 0 ? options.Burst : options.RequestsPerSecond,
                        TokensPerPeriod = options.RequestsPerSecond,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                    })
                    : RateLimitPartition.GetNoLimiter(string.Empty)));
        }

        if (options.ConcurrentRequests > 0)
        {
            limiters.Add(PartitionedRateLimiter.Create<HttpContext, string>(context =>
                OrganizationOf(context) is { } organization
                    ? RateLimitPartition.GetConcurrencyLimiter(organization, _ => new ConcurrencyLimiterOptions
                    {
                        PermitLimit = options.ConcurrentRequests,
                        QueueLimit = 0,
                    })
                    : RateLimitPartition.GetNoLimiter(string.Empty)));
        }

        return limiters.Count switch
        {
            0 => null,
            1 => limiters[0],
            _ => PartitionedRateLimiter.CreateChained([.. limiters]),
        };
    }

    private static string? OrganizationOf(HttpContext context) =>
        context.User.FindFirst(OrganizationClaim.ClaimType)?.Value;

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
        rejected.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        await ErrorResponseWriter.WriteAsync(rejected.HttpContext, StatusCodes.Status429TooManyRequests, new ErrorResponse(ErrorMessages.TooManyRequests), cancellationToken);
    }
}
