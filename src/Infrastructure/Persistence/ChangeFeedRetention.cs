using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkflowDefinitions.Application.Workflows.History;

namespace WorkflowDefinitions.Infrastructure.Persistence;

/// <summary>
/// Purges the change feed of changes older than <c>Changes:RetentionDays</c>, at start-up and every hour; a failed run is
/// logged and tried again at the next one.
/// </summary>
public sealed partial class ChangeFeedRetention(
    IServiceScopeFactory scopes, IOptions<ChangesOptions> options, TimeProvider clock, ILogger<ChangeFeedRetention> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using var scope = scopes.CreateScope();
                var cutoff = clock.GetUtcNow() - TimeSpan.FromDays(options.Value.RetentionDays);
                await scope.ServiceProvider.GetRequiredService<IFlowChangeFeed>().PurgeAsync(cutoff, stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogPurgeFailed(exception);
            }

            await Task.Delay(Interval, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Purging the change feed failed; it is tried again in an hour")]
    private partial void LogPurgeFailed(Exception exception);
}
