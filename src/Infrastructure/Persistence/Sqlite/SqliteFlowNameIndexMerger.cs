using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SQLitePCL;

namespace WorkflowDefinitions.Infrastructure.Persistence.Sqlite;

/// <summary>
/// Keeps the flow name index (<see cref="SqliteFlowNameIndex"/>) in few segments. Every write of a name adds a segment,
/// and requests' writes merge none but FTS5's crisis merges (the sixteen small segments of its lowest level; see
/// <see cref="SqliteFlowNameIndex"/>), so an index written by many requests holds dozens, and a search looks each trigram
/// of its term up in every one: merged into one, a name search of a 100,000-flow organization took 20–25 % less CPU
/// than with 17 segments. Every <see cref="Interval"/>, when the index has <see cref="MergeFromSegments"/> segments or
/// more, the merger runs FTS5's <c>merge</c> as writes of its own, <see cref="StepPages"/> pages at a time: the first
/// step of a round with a negative page count, which gathers every segment, of any level, into one merge; the later
/// steps with a positive one, which go on with that merge (and merge any level holding two segments) without gathering
/// again. A negative count at every step gathered again whenever requests had written since — the merge in progress
/// given up, its output one more segment, one more level — and with requests writing between the steps a copy of the
/// load benchmark's index grew from 28 segments to 1,092 and 8,071 pages in one round, and then its writes failed.
/// </summary>
/// <remarks>
/// Merging into one segment rewrites the whole index, and while requests write, new segments keep coming: a round
/// therefore takes at most about as many steps as the index has pages (divided by <see cref="StepPages"/>), pauses
/// <see cref="PausePerStepTime"/> times a step's time after it, so that requests' writes take at least four fifths of
/// the writer while it merges, and the next round waits at least <see cref="WaitPerRoundTime"/> times the round's
/// writer time — the merger takes at most about a tenth of the writer, however large the index. Every write that
/// arrives during a step waits for it, so steps are short: the index of the load benchmark (150,000 names, about 2,000
/// pages) takes ~84 steps of 3–4 ms on an idle machine, where steps of 128 pages took 15–25 ms and, with the CPU busy
/// serving reads beside them, 60–175 ms — the mixed run's write tail then (p99 53–114 ms; no other batch over 21 ms). Small
/// steps cost a round about a fifth more writer time (8 pages: a third more). A merge step that fails is undone with its
/// write, and logged; the next round tries again.
/// </remarks>
public sealed partial class SqliteFlowNameIndexMerger(SqliteConnectionFactory connections, TimeProvider clock, ILogger<SqliteFlowNameIndexMerger> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    /// <summary>About how many pages one step merges.</summary>
    public const int StepPages = 16;

    /// <summary>An index of fewer segments is left as it is.</summary>
    public const int MergeFromSegments = 4;

    private const int PausePerStepTime = 4;
    private const int WaitPerRoundTime = 10;

    private const string MergeStep = "INSERT INTO flow_template_names (flow_template_names, rank) VALUES ('merge', @pages)";

    /// <summary>The index's segments (each has rows in the index of its leaves) and its pages.</summary>
    private const string State = """
        SELECT (SELECT count(DISTINCT segid) FROM flow_template_names_idx), (SELECT count(*) FROM flow_template_names_data)
        """;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var wait = Interval;
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(wait, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            try
            {
                var merging = await MergeAsync(stoppingToken);
                wait = TimeSpan.FromTicks(Math.Max(Interval.Ticks, merging.Ticks * WaitPerRoundTime));
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogMergeFailed(exception);
            }
        }
    }

    /// <summary>
    /// One round: when the index has <see cref="MergeFromSegments"/> segments or more, merges them a step at a time until a
    /// step finds nothing to merge or the round has taken as many steps as the index has pages to merge; how long the
    /// steps held the writer.
    /// </summary>
    public async Task<TimeSpan> MergeAsync(CancellationToken cancellationToken)
    {
        var (segments, pages) = await connections.Reads.ReadAsync(
            State,
            _ => { },
            async (reader, token) =>
            {
                await reader.ReadAsync(token);
                return (reader.GetInt64(0), reader.GetInt64(1));
            },
            cancellationToken);
        var merging = TimeSpan.Zero;
        if (segments < MergeFromSegments)
        {
            return merging;
        }

        for (var step = 0; step <= (pages / StepPages) + 1; step++)
        {
            var pagesToMerge = step == 0 ? -StepPages : StepPages;
            var (merged, took) = await connections.Writes.RunAsync(writer => MergeStepAsync(writer, pagesToMerge), cancellationToken);
            merging += took;
            if (!merged)
            {
                break;
            }

            await Task.Delay(took * PausePerStepTime, clock, cancellationToken);
        }

        return merging;
    }

    /// <summary>
    /// One step of <paramref name="pages"/> (negative: gathering every segment into one merge first): whether it merged
    /// anything (FTS5: a step that merged changes the total count of changes by two or more), and how long it took.
    /// </summary>
    private static async Task<(bool Merged, TimeSpan Took)> MergeStepAsync(SqliteWriter writer, int pages)
    {
        var started = Stopwatch.GetTimestamp();
        var before = raw.sqlite3_total_changes(writer.Connection.Handle);
        var merge = writer.Command(MergeStep);
        merge.Parameters.AddWithValue("@pages", pages);
        await merge.ExecuteNonQueryAsync(CancellationToken.None);
        return (raw.sqlite3_total_changes(writer.Connection.Handle) - before >= 2, Stopwatch.GetElapsedTime(started));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Merging the flow name index failed; it is tried again at the next round")]
    private partial void LogMergeFailed(Exception exception);
}
