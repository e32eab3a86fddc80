using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using WorkflowDefinitions.Infrastructure.Persistence.Sqlite;

namespace WorkflowDefinitions.Infrastructure.IntegrationTests.Persistence.Sqlite;

/// <summary>Writes that share commits: each lands whole or not at all, alone, and only what is committed is acknowledged.</summary>
public sealed class SqliteGroupCommitTests
{
    private readonly SqliteTestDatabase _database = new();
    private SqliteConnectionFactory _connections = null!;

    [SetUp]
    public async Task CreateAsync()
    {
        _connections = await _database.CreateAsync();
        await using var connection = await _connections.OpenAsync(CancellationToken.None);
        await using var create = connection.CreateCommand();
        create.CommandText = "CREATE TABLE notes (writer INTEGER NOT NULL, part INTEGER NOT NULL, PRIMARY KEY (writer, part))";
        await create.ExecuteNonQueryAsync();
    }

    [TearDown]
    public void DeleteDatabase() => _database.Dispose();

    [Test]
    public async Task ConcurrentWrites_EachLandWhole_AndOneThatFails_LeavesNothingAndFailsAlone()
    {
        var writes = Enumerable.Range(0, 200).Select(writer => _connections.Writes.RunAsync(
            async sqlite =>
            {
                await InsertAsync(sqlite, writer, 1);
                if (writer % 7 == 0)
                {
                    throw new InvalidOperationException($"writer {writer} gives up after its first part");
                }

                await InsertAsync(sqlite, writer, 2);
                return writer;
            },
            CancellationToken.None)).ToList();

        var outcomes = await Task.WhenAll(writes.Select(async write =>
        {
            try
            {
                return (Writer: await write, Failed: false);
            }
            catch (InvalidOperationException exception)
            {
                return (Writer: int.Parse(exception.Message.Split(' ')[1], CultureInfo.InvariantCulture), Failed: true);
            }
        }));

        var parts = await PartsAsync();
        Assert.Multiple(() =>
        {
            foreach (var (writer, failed) in outcomes)
            {
                Assert.That(failed, Is.EqualTo(writer % 7 == 0), $"writer {writer}");
                Assert.That(parts.GetValueOrDefault(writer), Is.EqualTo(failed ? 0 : 2), $"parts of writer {writer}");
            }
        });
    }

    [Test]
    public async Task AWriteWhoseRequestIsCancelledBeforeItStarts_IsNotRun()
    {
        using var cancelled = new CancellationTokenSource();
        var gate = new TaskCompletionSource();
        var blocker = _connections.Writes.RunAsync(
            async writer =>
            {
                await gate.Task;
                await InsertAsync(writer, 1, 1);
                return true;
            },
            CancellationToken.None);
        var queued = _connections.Writes.RunAsync(
            async writer =>
            {
                await InsertAsync(writer, 2, 1);
                return true;
            },
            cancelled.Token);

        await cancelled.CancelAsync();
        gate.SetResult();
        await blocker;

        Assert.Multiple(async () =>
        {
            Assert.That(async () => await queued, Throws.InstanceOf<OperationCanceledException>());
            Assert.That(await PartsAsync(), Is.EqualTo(new Dictionary<long, long> { [1] = 1 }));
        });
    }

    [Test]
    public async Task WritesThatArriveWhileABatchRuns_JoinIt_UpToTheMostOneCommitHolds()
    {
        var (held, release) = await HoldTheWriterAsync();
        var arrivals = Enumerable.Range(1, SqliteGroupCommit.MaxBatch + 10).Select(writer => _connections.Writes.RunAsync(
            async w =>
            {
                await InsertAsync(w, writer, 1);
                return held.IsCompleted;
            },
            CancellationToken.None)).ToList();
        release.SetResult();

        var ranAfterTheHeldCommit = await Task.WhenAll(arrivals);
        Assert.Multiple(async () =>
        {
            Assert.That(ranAfterTheHeldCommit.Take(SqliteGroupCommit.MaxBatch - 1), Is.All.False, "committed with the held write");
            Assert.That(ranAfterTheHeldCommit.Skip(SqliteGroupCommit.MaxBatch - 1), Is.All.True, "beyond the batch's room: the next commit");
            Assert.That((await PartsAsync()).Count, Is.EqualTo(SqliteGroupCommit.MaxBatch + 10));
        });
    }

    [Test]
    public async Task AWriteThatBreaksAConstraint_FailsAlone_AndTheBatchCommits()
    {
        var first = _connections.Writes.RunAsync(async w => { await InsertAsync(w, 5, 1); return true; }, CancellationToken.None);
        var duplicate = _connections.Writes.RunAsync(async w => { await InsertAsync(w, 6, 1); await InsertAsync(w, 5, 1); return true; }, CancellationToken.None);
        var last = _connections.Writes.RunAsync(async w => { await InsertAsync(w, 7, 1); return true; }, CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(await first, Is.True);
            Assert.That(async () => await duplicate, Throws.InstanceOf<SqliteException>());
            Assert.That(await last, Is.True);
            Assert.That(await PartsAsync(), Is.EqualTo(new Dictionary<long, long> { [5] = 1, [7] = 1 }));
        });
    }

    [Test]
    public async Task AWriteThatEndsTheTransaction_FailsItsWholeBatch_LeavesNothing_AndTheNextWritesLand()
    {
        var (blocker, gate) = await HoldTheWriterAsync();
        var before = _connections.Writes.RunAsync(async w => { await InsertAsync(w, 1, 1); return true; }, CancellationToken.None);
        var ending = _connections.Writes.RunAsync(
            async writer =>
            {
                // What SQLite does by itself on a full disk or an I/O error: the whole transaction is gone.
                await writer.Command("ROLLBACK").ExecuteNonQueryAsync();
                return true;
            },
            CancellationToken.None);
        var after = _connections.Writes.RunAsync(async w => { await InsertAsync(w, 3, 1); return true; }, CancellationToken.None);
        gate.SetResult();

        Assert.Multiple(async () =>
        {
            Assert.That(async () => await blocker, Throws.Exception, "the writes that arrived while it ran joined its batch");
            Assert.That(async () => await before, Throws.Exception, "acknowledged only once committed");
            Assert.That(async () => await ending, Throws.Exception);
            Assert.That(await after, Is.True, "it had not joined the batch when the batch failed: the next batch runs it");
            Assert.That(await _connections.Writes.RunAsync(async w => { await InsertAsync(w, 4, 1); return true; }, CancellationToken.None), Is.True);
            Assert.That(await PartsAsync(), Is.EqualTo(new Dictionary<long, long> { [3] = 1, [4] = 1 }));
        });
    }

    [Test]
    public async Task AProvisionalWrite_CompletesOnceItHasRun_BeforeItsBatchCommits_AndLaterWritesSeeIt()
    {
        var (provisional, holder, release) = await ProvisionalBeforeAHolderAsync(endTransaction: false);

        Assert.That(await provisional.WaitAsync(TimeSpan.FromSeconds(5)), Is.EqualTo(1), "answered while its batch is still open");
        Assert.That(holder.IsCompleted, Is.False);
        release.SetResult();
        await holder;
        Assert.That(await PartsAsync(), Is.EqualTo(new Dictionary<long, long> { [1] = 1, [2] = 1 }));
    }

    [Test]
    public async Task AProvisionalWrite_WhoseBatchFails_IsUndoneWithIt()
    {
        var (provisional, holder, release) = await ProvisionalBeforeAHolderAsync(endTransaction: true);

        await provisional.WaitAsync(TimeSpan.FromSeconds(5));
        release.SetResult();

        Assert.That(async () => await holder, Throws.Exception);
        Assert.That(await PartsAsync(), Is.Empty, "the provisional write's batch never committed");
    }

    /// <summary>
    /// A provisional write (notes of writer 1) and, in the same batch after it, a write (writer 2) that waits for
    /// <c>release</c> and then, when <paramref name="endTransaction"/>, ends the transaction as a failing disk would. Both
    /// arrive while a first write of that batch holds the writer, and join its batch.
    /// </summary>
    private async Task<(Task<int> Provisional, Task<bool> Holder, TaskCompletionSource Release)> ProvisionalBeforeAHolderAsync(bool endTransaction)
    {
        var (_, busy) = await HoldTheWriterAsync();
        var release = new TaskCompletionSource();
        var provisional = _connections.Writes.RunProvisionallyAsync(async w => { await InsertAsync(w, 1, 1); return 1; }, CancellationToken.None);
        var holder = _connections.Writes.RunAsync(
            async writer =>
            {
                await InsertAsync(writer, 2, 1);
                await release.Task;
                if (endTransaction)
                {
                    await writer.Command("ROLLBACK").ExecuteNonQueryAsync();
                }

                return true;
            },
            CancellationToken.None);
        busy.SetResult();
        return (provisional, holder, release);
    }

    /// <summary>A write that has started and holds the writer (and its batch) until <c>Release</c> is set.</summary>
    private Task<(Task<bool> Held, TaskCompletionSource Release)> HoldTheWriterAsync() =>
        HeldWriter.HoldAsync(_connections.Writes, _ => Task.FromResult(true));

    [Test]
    public async Task TheWriter_KeepsItsConnectionAndStatements_FromBatchToBatch()
    {
        const string Insert = "INSERT INTO notes (writer, part) VALUES (@writer, @part)";
        var first = await _connections.Writes.RunAsync(async w => { await InsertAsync(w, 1, 1); return w.Command(Insert); }, CancellationToken.None);
        var second = await _connections.Writes.RunAsync(async w => { await InsertAsync(w, 2, 1); return w.Command(Insert); }, CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(second, Is.SameAs(first), "prepared once");
            Assert.That(second.Connection, Is.SameAs(first.Connection));
            Assert.That(second.Parameters, Is.Empty, "cleared for each use");
            Assert.That(await PartsAsync(), Is.EqualTo(new Dictionary<long, long> { [1] = 1, [2] = 1 }));
        });
    }

    [Test]
    public async Task AStatementLeftWithALargeValue_IsClosedAfterItsWrite_SoItDoesNotHoldTheValue()
    {
        await using (var connection = await _connections.OpenAsync(CancellationToken.None))
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE blobs (id INTEGER PRIMARY KEY, content BLOB NOT NULL)";
            await create.ExecuteNonQueryAsync();
        }

        const string Insert = "INSERT INTO blobs (id, content) VALUES (@id, @content)";
        async Task<SqliteCommand> StoreAsync(int id, int length) => await _connections.Writes.RunAsync(
            async w =>
            {
                var insert = w.Command(Insert);
                insert.Parameters.AddWithValue("@id", id);
                insert.Parameters.AddWithValue("@content", new byte[length]);
                await insert.ExecuteNonQueryAsync();
                return insert;
            },
            CancellationToken.None);

        var small = await StoreAsync(1, 100);
        var smallAgain = await StoreAsync(2, 100);
        var large = await StoreAsync(3, 1024 * 1024);
        var afterLarge = await StoreAsync(4, 100);

        Assert.Multiple(() =>
        {
            Assert.That(smallAgain, Is.SameAs(small));
            Assert.That(large, Is.SameAs(small), "the large value was bound to the kept statement");
            Assert.That(afterLarge, Is.Not.SameAs(large), "closed after the write that bound the large value");
        });
    }

    [Test]
    [Platform("Linux", Reason = "reads the process's open files from /proc/self/fd")]
    public async Task AWriteChangingAFewHundredKiBOfStoredPages_KeepsItsSavepointJournalInMemory()
    {
        await using (var connection = await _connections.OpenAsync(CancellationToken.None))
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE padded (id INTEGER PRIMARY KEY, content TEXT NOT NULL)";
            await create.ExecuteNonQueryAsync();
        }

        var row = new string('x', 2000);
        await _connections.Writes.RunAsync(
            async w => await FillAsync(w, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 150) INSERT INTO padded (id, content) SELECT i, @content FROM n"),
            CancellationToken.None);

        var journalFiles = await _connections.Writes.RunAsync(
            async w =>
            {
                await FillAsync(w, "UPDATE padded SET content = upper(@content)");
                return OpenTemporarySqliteFiles();
            },
            CancellationToken.None);

        Assert.That(journalFiles, Is.Empty, "about 300 KiB of original pages: SQLite's default moves a journal past 64 KiB to a temporary file");

        async Task<bool> FillAsync(SqliteWriter writer, string sql)
        {
            var command = writer.Command(sql);
            command.Parameters.AddWithValue("@content", row);
            await command.ExecuteNonQueryAsync();
            return true;
        }
    }

    [Test]
    public async Task TheWriter_CheckpointsLessOftenThanSQLitesDefault()
    {
        var checkpointPages = await _connections.Writes.RunAsync(
            async w => Convert.ToInt64(await w.Command("PRAGMA wal_autocheckpoint").ExecuteScalarAsync(), CultureInfo.InvariantCulture),
            CancellationToken.None);

        Assert.That(checkpointPages, Is.GreaterThan(1000));
    }

    [Test]
    public async Task MoreStatementsThanTheWriterKeeps_AllRun()
    {
        var texts = Enumerable.Range(0, SqliteWriter.MaxStatements + 10).Select(n => $"INSERT INTO notes (writer, part) VALUES ({n}, @part)").ToList();
        await _connections.Writes.RunAsync(
            async w =>
            {
                foreach (var text in texts)
                {
                    var insert = w.Command(text);
                    insert.Parameters.AddWithValue("@part", 1);
                    await insert.ExecuteNonQueryAsync();
                }

                return true;
            },
            CancellationToken.None);

        Assert.That((await PartsAsync()).Count, Is.EqualTo(texts.Count));
    }

    [Test]
    public async Task TheWriter_MeasuresEachWritesWaitAndHold_AndEachCommit()
    {
        using var measured = new WriterMeasurements(_database.MeterFactory);
        var (held, release) = await HoldTheWriterAsync();
        using var cancelled = new CancellationTokenSource();
        var skipped = _connections.Writes.RunAsync(_ => Task.FromResult(true), cancelled.Token);
        var queued = Enumerable.Range(1, 10).Select(writer => _connections.Writes.RunAsync(
            async w =>
            {
                await InsertAsync(w, writer, 1);
                return writer == 5 ? throw new InvalidOperationException("a write that fails is measured too") : true;
            },
            CancellationToken.None)).ToList();
        await cancelled.CancelAsync();
        await Task.Delay(TimeSpan.FromMilliseconds(100)); // a timer may end up to a millisecond early: the waits are checked against half of it
        release.SetResult();
        await held;
        await Task.WhenAll(queued.Where((_, index) => index != 4));

        Assert.Multiple(() =>
        {
            Assert.That(skipped.IsCanceled, Is.True);
            Assert.That(measured["workflow_definitions.sqlite.commit.writes"], Is.EqualTo(new[] { 11.0 }), "the held write and the ten that joined its batch; not the cancelled one");
            Assert.That(measured["workflow_definitions.sqlite.commit.duration"], Has.Count.EqualTo(1).And.All.GreaterThan(0));
            Assert.That(measured["workflow_definitions.sqlite.write.wait"], Has.Count.EqualTo(11));
            Assert.That(measured["workflow_definitions.sqlite.write.wait"].Count(wait => wait >= 0.05), Is.EqualTo(10), "the writes queued behind the held one");
            Assert.That(measured["workflow_definitions.sqlite.write.duration"], Has.Count.EqualTo(11).And.All.GreaterThan(0));
            Assert.That(measured["workflow_definitions.sqlite.write.duration"].Count(hold => hold >= 0.05), Is.EqualTo(1), "the held write");
        });
    }

    [Test]
    public void AfterDisposal_WritesAreRefused()
    {
        _connections.Writes.Dispose();

        Assert.That(() => _connections.Writes.RunAsync(_ => Task.FromResult(true), CancellationToken.None), Throws.InstanceOf<ObjectDisposedException>());
    }

    /// <summary>Every measurement of the writer's instruments on one meter factory (by instrument name), from its start to its disposal.</summary>
    private sealed class WriterMeasurements : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Dictionary<string, List<double>> _values = [];

        public WriterMeasurements(IMeterFactory meterFactory)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Scope == meterFactory && instrument.Name.StartsWith("workflow_definitions.sqlite.", StringComparison.Ordinal))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => Add(instrument.Name, value));
            _listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => Add(instrument.Name, value));
            _listener.Start();
        }

        public IReadOnlyList<double> this[string name]
        {
            get
            {
                lock (_values)
                {
                    return _values.TryGetValue(name, out var values) ? [.. values] : [];
                }
            }
        }

        public void Dispose() => _listener.Dispose();

        private void Add(string name, double value)
        {
            lock (_values)
            {
                if (!_values.TryGetValue(name, out var values))
                {
                    _values[name] = values = [];
                }

                values.Add(value);
            }
        }
    }

    /// <summary>The temporary files SQLite holds open (it names them <c>etilqs_…</c> and unlinks them at once).</summary>
    private static List<string> OpenTemporarySqliteFiles() =>
        Directory.EnumerateFileSystemEntries("/proc/self/fd")
            .Select(fd => new FileInfo(fd).LinkTarget)
            .OfType<string>()
            .Where(target => target.Contains("etilqs_", StringComparison.Ordinal))
            .ToList();

    private static async Task InsertAsync(SqliteWriter sqlite, int writer, int part)
    {
        var insert = sqlite.Command("INSERT INTO notes (writer, part) VALUES (@writer, @part)");
        insert.Parameters.AddWithValue("@writer", writer);
        insert.Parameters.AddWithValue("@part", part);
        await insert.ExecuteNonQueryAsync();
    }

    private async Task<Dictionary<long, long>> PartsAsync()
    {
        await using var connection = await _connections.OpenAsync(CancellationToken.None);
        await using var query = connection.CreateCommand();
        query.CommandText = "SELECT writer, count(*) FROM notes GROUP BY writer";
        await using var reader = await query.ExecuteReaderAsync();
        var parts = new Dictionary<long, long>();
        while (await reader.ReadAsync())
        {
            parts[reader.GetInt64(0)] = reader.GetInt64(1);
        }

        return parts;
    }
}
