using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using WorkflowDefinitions.Api.Json;
using WorkflowDefinitions.Application.Common;

namespace WorkflowDefinitions.Api.Hosting;

/// <summary>
/// Configuration section <c>RequestLimits</c>: what one connection or request may hold of the process. Kestrel's own
/// limits (connections, header time, body data rate, buffered bytes) and the budget of memory for large request bodies.
/// </summary>
public sealed class RequestLimitsOptions
{
    public const string SectionName = "RequestLimits";

    /// <summary>Open connections at once; more wait in the listen backlog.</summary>
    public int MaxConcurrentConnections { get; set; } = 1000;

    /// <summary>Time to receive the request headers.</summary>
    public int HeadersTimeoutSeconds { get; set; } = 10;

    /// <summary>Slowest body upload tolerated (after a grace period), so a trickling client cannot hold a request forever.</summary>
    public int MinBodyBytesPerSecond { get; set; } = 4096;

    /// <summary>How long a body may arrive slower than <see cref="MinBodyBytesPerSecond"/> (Kestrel needs more than 1 s).</summary>
    public int MinBodyRateGraceSeconds { get; set; } = 10;

    /// <summary>
    /// Bytes Kestrel and its socket transport buffer per connection before the service reads them (back-pressure beyond).
    /// </summary>
    public int MaxRequestBufferBytes { get; set; } = 64 * 1024;

    /// <summary>Bytes of large request bodies (over 64 KiB) the process holds at once.</summary>
    public int BodyBudgetBytes { get; set; } = 48 * 1024 * 1024;

    /// <summary>The part of <see cref="BodyBudgetBytes"/> one organization may hold at once.</summary>
    public int BodyBudgetPerOrganizationBytes { get; set; } = 12 * 1024 * 1024;

    /// <summary>How long a large body may wait for room in the budget before it is answered 503.</summary>
    public int BodyQueueSeconds { get; set; } = 30;

    /// <summary>
    /// Longest a request may run before it is answered 504 (0: no limit). Lists are exempt: they are written as they are
    /// read, for as long as the client keeps reading at Kestrel's minimum data rate.
    /// </summary>
    public int RequestTimeoutSeconds { get; set; } = 120;
}

public static class RequestLimits
{
    public static IServiceCollection AddRequestLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RequestLimitsOptions>()
            .Bind(configuration.GetSection(RequestLimitsOptions.SectionName))
            .Validate(AreValid, "RequestLimits values must be positive (MinBodyRateGraceSeconds at least 2, MaxRequestBufferBytes at least 4096; RequestTimeoutSeconds 0 for none).")
            .Validate(o => o.BodyBudgetBytes >= JsonBodyInputFormatter.MaxBodyBytes && o.BodyBudgetPerOrganizationBytes >= JsonBodyInputFormatter.MaxBodyBytes
                    && o.BodyBudgetPerOrganizationBytes <= o.BodyBudgetBytes,
                "RequestLimits__BodyBudgetBytes and __BodyBudgetPerOrganizationBytes must each hold a 6 MiB body, the share no more than the budget.")
            .ValidateOnStart();
        services.AddSingleton<RequestBodyBudget>();
        services.AddSingleton<IAnswerRoom, ResponseAnswerRoom>();
        services.Configure<KestrelServerOptions>(kestrel => Apply(kestrel.Limits, ValidOrDefault(configuration)));
        services.Configure<SocketTransportOptions>(sockets => sockets.MaxReadBufferSize = ValidOrDefault(configuration).MaxRequestBufferBytes);
        return services;
    }

    /// <summary>
    /// Kestrel reads its options while the host is built, before start-up validation can report a bad value in one line;
    /// so the section is read here without validation, and only valid limits are applied (invalid ones are reported by the
    /// validation above, which stops the service).
    /// </summary>
    private static RequestLimitsOptions ValidOrDefault(IConfiguration configuration)
    {
        try
        {
            var limits = configuration.GetSection(RequestLimitsOptions.SectionName).Get<RequestLimitsOptions>() ?? new RequestLimitsOptions();
            return AreValid(limits) ? limits : new RequestLimitsOptions();
        }
        catch (InvalidOperationException)
        {
            return new RequestLimitsOptions();
        }
    }

    private static bool AreValid(RequestLimitsOptions o) =>
        o.MaxConcurrentConnections > 0 && o.HeadersTimeoutSeconds > 0 && o.MinBodyBytesPerSecond > 0 && o.MinBodyRateGraceSeconds >= 2
        && o.MaxRequestBufferBytes >= 4096 && o.BodyQueueSeconds > 0 && o.RequestTimeoutSeconds >= 0;

    private static void Apply(KestrelServerLimits kestrel, RequestLimitsOptions limits)
    {
        kestrel.MaxRequestBodySize = JsonBodyInputFormatter.MaxBodyBytes;
        kestrel.MaxConcurrentConnections = limits.MaxConcurrentConnections;
        kestrel.MaxConcurrentUpgradedConnections = limits.MaxConcurrentConnections;
        kestrel.RequestHeadersTimeout = TimeSpan.FromSeconds(limits.HeadersTimeoutSeconds);
        kestrel.MinRequestBodyDataRate = new MinDataRate(limits.MinBodyBytesPerSecond, TimeSpan.FromSeconds(limits.MinBodyRateGraceSeconds));
        kestrel.MaxRequestBufferSize = limits.MaxRequestBufferBytes;
    }
}
