using System.Globalization;

namespace WorkflowDefinitions.Api.Hosting;

/// <summary>
/// Configuration section <c>Shutdown</c>: <c>TimeoutSeconds</c> is how long in-flight requests may take to finish
/// once the process is asked to stop (SIGTERM). Keep it below the pod's <c>terminationGracePeriodSeconds</c>.
/// </summary>
public sealed class ShutdownOptions
{
    public const string SectionName = "Shutdown";

    public int TimeoutSeconds { get; set; } = 30;

    public static bool IsValidTimeout(int seconds) => seconds is >= 1 and <= 600;
}

/// <summary>
/// On SIGTERM the host stops Kestrel, which stops accepting connections and waits for the requests in flight up to
/// the configured timeout; then the process exits with 0.
/// </summary>
public static class GracefulShutdown
{
    public static IServiceCollection AddGracefulShutdown(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ShutdownOptions>()
            .Bind(configuration.GetSection(ShutdownOptions.SectionName))
            .Validate(options => ShutdownOptions.IsValidTimeout(options.TimeoutSeconds), "Shutdown__TimeoutSeconds must be between 1 and 600.")
            .ValidateOnStart();

        // The host reads its options while it is built, before start-up validation can report a bad value in one
        // line; so only a valid value is applied here, and an invalid one is reported by the validation above.
        services.Configure<HostOptions>(host =>
        {
            if (int.TryParse(configuration[$"{ShutdownOptions.SectionName}:TimeoutSeconds"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
                && ShutdownOptions.IsValidTimeout(seconds))
            {
                host.ShutdownTimeout = TimeSpan.FromSeconds(seconds);
            }
            else
            {
                host.ShutdownTimeout = TimeSpan.FromSeconds(new ShutdownOptions().TimeoutSeconds);
            }
        });
        return services;
    }
}
