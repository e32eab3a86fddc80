using System.Diagnostics.Metrics;
using WorkflowDefinitions.Application.Common.Metrics;

namespace WorkflowDefinitions.Infrastructure.Persistence.Sqlite;

/// <summary>
/// Where the SQLite writer's time goes (meter <see cref="WorkflowMetrics.MeterName"/>). Every write of the service runs
/// on the one group commit (<see cref="SqliteGroupCommit"/>), one write after another, so its time is the store's write
/// capacity: the writes' own statements (<c>workflow_definitions.sqlite.write.duration</c>) and the commits, which write
/// the batch's pages to the log and sync it to disk (<c>workflow_definitions.sqlite.commit.duration</c>, with a
/// checkpoint when one is due; <c>workflow_definitions.sqlite.commit.writes</c> counts the writes each holds). The sum of
/// both durations over a second is the share of it the writer was busy; once that nears one, writes queue, and
/// <c>workflow_definitions.sqlite.write.wait</c> — from a request handing its write over to the write starting — grows.
/// </summary>
public sealed class SqliteWriterMetrics
{
    /// <summary>Bucket bounds in seconds: from a tenth of a millisecond (a write's statements) to seconds (a stalled disk).</summary>
    private static readonly double[] SecondsBounds = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

    private static readonly int[] WritesBounds = [1, 2, 4, 8, 16, 32, SqliteGroupCommit.MaxBatch];

    private readonly Histogram<double> _wait;
    private readonly Histogram<double> _write;
    private readonly Histogram<double> _commit;
    private readonly Histogram<int> _writesPerCommit;

    public SqliteWriterMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(WorkflowMetrics.MeterName);
        _wait = meter.CreateHistogram(
            "workflow_definitions.sqlite.write.wait", "s", "How long a write waited for the SQLite writer before it started.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBounds });
        _write = meter.CreateHistogram(
            "workflow_definitions.sqlite.write.duration", "s", "How long a write held the SQLite writer: its statements, inside its savepoint.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBounds });
        _commit = meter.CreateHistogram(
            "workflow_definitions.sqlite.commit.duration", "s",
            "How long the SQLite writer took to commit a batch of writes: writing its pages to the log and syncing it (and a checkpoint when due).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBounds });
        _writesPerCommit = meter.CreateHistogram(
            "workflow_definitions.sqlite.commit.writes", "{write}", "How many writes one commit of the SQLite writer held.",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = WritesBounds });
    }

    public void WriteStarted(TimeSpan waited) => _wait.Record(waited.TotalSeconds);

    public void WriteEnded(TimeSpan held) => _write.Record(held.TotalSeconds);

    public void Committed(int writes, TimeSpan took)
    {
        _commit.Record(took.TotalSeconds);
        _writesPerCommit.Record(writes);
    }
}
