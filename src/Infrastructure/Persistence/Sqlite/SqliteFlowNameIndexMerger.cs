using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SQLitePCL;

namespace WorkflowDefinitions.Infrastructure.Persistence.Sqlite;

/// <summary>
/// Keeps the flow name index (<see cref="SqliteFlowNameIndex"/>) in one segment. FTS5 adds a segment with every commit
/// that writes names and merges segments only once four share a level, so an index written by many commits holds a
/// dozen or more (21 after 122,000 creates), and a search looks each trigram of its term up in every one: merged into
/// one, a name search of a 100,000-flow organization took 20–25 % less CPU. Every <see cref="Interval"/> the merger runs
/// FTS5's <c>merge</c> with a negative page count (segments of any level are merged) as a write of its own,
/// <see cref="StepPages"/> pages at a time, until a step finds nothing to merge; between steps it pauses, so that the
/// writes of requests go on. An index already in one segment costs one step that does nothing.
/// </summary>
public sealed partial class SqliteFlowNameIndexMerger(SqliteConnectionFactory connections, TimeProvider clock, ILogger<SqliteFlowNameIndexMerger> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    /// <summary>About how many pages one step merges (a few milliseconds of the writer's time).</summary>
    public const int StepPages = 128;

    /// <summary>The most steps one round takes: 128,000 pages, an index of about 500 MB.</summary>
    public const int MaxSteps = 1000;

    private const string MergeStep = "INSERT INTO flow_template_names (flow_template_names, rank) VALUES ('merge', @pages)";

    private static readonly TimeSpan StepPause = TimeSpan.FromMilliseconds(20);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(Interval, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            try
            {
                await MergeAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogMergeFailed(exception);
            }
        }
    }

    /// <summary>Merges the index's segments, a step at a time, until a step finds nothing to merge; how many steps merged.</summary>
    public async Task<int> MergeAsync(CancellationToken cancellationToken)
    {
        for (var steps = 0; steps < MaxSteps; steps++)
        {
            if (!await connections.Writes.RunAsync(MergeStepAsync, cancellationToken))
            {
                return steps;
            }

            await Task.Delay(StepPause, clock, cancellationToken);
        }

        return MaxSteps;
    }

    /// <summary>One step; whether it merged anything (FTS5: a step that merged changes the total count of changes by two or more).</summary>
    private static async Task<bool> MergeStepAsync(SqliteWriter writer)
    {
        var before = raw.sqlite3_total_changes(writer.Connection.Handle);
        var merge = writer.Command(MergeStep);
        merge.Parameters.AddWithValue("@pages", -StepPages);
        await merge.ExecuteNonQueryAsync(CancellationToken.None);
        return raw.sqlite3_total_changes(writer.Connection.Handle) - before >= 2;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Merging the flow name index failed; it is tried again at the next round")]
    private partial void LogMergeFailed(Exception exception);
}
