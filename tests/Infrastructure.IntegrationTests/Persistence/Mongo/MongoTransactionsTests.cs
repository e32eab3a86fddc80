using MongoDB.Driver;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Infrastructure.Persistence.Mongo;

namespace WorkflowDefinitions.Infrastructure.IntegrationTests.Persistence.Mongo;

/// <summary>
/// Server-less checks of how every write runs as a transaction: durability options, a commit the client cannot cancel,
/// bounded retries of transient errors and what an unknown commit result becomes.
/// </summary>
public class MongoTransactionsTests
{
    private static readonly MongoException Transient = ScriptedSession.Labelled(MongoTransactions.TransientLabel);
    private static readonly MongoException UnknownCommit = ScriptedSession.Labelled(MongoTransactions.UnknownCommitLabel);

    [Test]
    public async Task EveryTransaction_RunsWithMajorityWritesSnapshotReadsOnThePrimary()
    {
        var session = new ScriptedSession();

        await RunAsync(session, (_, _) => Task.FromResult(1));

        Assert.Multiple(() =>
        {
            Assert.That(session.LastOptions!.WriteConcern, Is.EqualTo(WriteConcern.WMajority));
            Assert.That(session.LastOptions.ReadConcern, Is.EqualTo(ReadConcern.Snapshot));
            Assert.That(session.LastOptions.ReadPreference, Is.EqualTo(ReadPreference.Primary));
        });
    }

    [Test]
    public async Task AClientThatCancelsDuringTheWork_StopsItBeforeTheCommit_ButNeverTheCommit()
    {
        var session = new ScriptedSession();
        using var request = new CancellationTokenSource();

        var result = await RunAsync(session, (_, _) =>
        {
            request.Cancel();
            return Task.FromResult("stored");
        }, cancellationToken: request.Token);

        Assert.Multiple(() =>
        {
            Assert.That(result, Is.EqualTo("stored"), "the work was done: its commit is seen through");
            Assert.That(session.CommitTokens.Single().CanBeCanceled, Is.False);
        });
    }

    [Test]
    public void ACancellationDuringTheWork_AbortsTheTransaction_AndCommitsNothing()
    {
        var session = new ScriptedSession();
        using var request = new CancellationTokenSource();

        Assert.ThrowsAsync<OperationCanceledException>(() => RunAsync(session, async (_, token) =>
        {
            await request.CancelAsync();
            token.ThrowIfCancellationRequested();
            return 1;
        }, cancellationToken: request.Token));
        Assert.Multiple(() =>
        {
            Assert.That(session.Aborts, Is.EqualTo(1));
            Assert.That(session.CommitTokens, Is.Empty);
        });
    }

    [Test]
    public async Task TransientErrors_RunTheWorkAgain()
    {
        var session = new ScriptedSession();
        var runs = 0;

        var result = await RunAsync(session, (_, _) => ++runs < 3 ? throw Transient : Task.FromResult(runs));

        Assert.Multiple(() =>
        {
            Assert.That(result, Is.EqualTo(3));
            Assert.That(session.Starts, Is.EqualTo(3));
            Assert.That(session.Aborts, Is.EqualTo(2));
        });
    }

    [Test]
    public async Task ATransientCommitError_RunsTheWorkAgain()
    {
        var session = new ScriptedSession().FailCommits(Transient);
        var runs = 0;

        await RunAsync(session, (_, _) => Task.FromResult(++runs));

        Assert.Multiple(() =>
        {
            Assert.That(runs, Is.EqualTo(2));
            Assert.That(session.CommitTokens, Has.Count.EqualTo(2));
        });
    }

    [Test]
    public void TransientErrorsBeyondTheRetryTime_AreStoreBusy_NotMinutesOfRetries()
    {
        var session = new ScriptedSession();
        var runs = 0;

        var busy = Assert.ThrowsAsync<StoreBusyException>(() =>
            RunAsync<int>(session, (_, _) => { runs++; throw Transient; }, retryFor: TimeSpan.FromMilliseconds(300)));

        Assert.Multiple(() =>
        {
            Assert.That(busy!.InnerException, Is.SameAs(Transient));
            Assert.That(runs, Is.GreaterThan(1), "retried while there was time");
            Assert.That(session.Aborts, Is.EqualTo(runs));
        });
    }

    [Test]
    public void OtherErrors_AreNotRetried()
    {
        var session = new ScriptedSession();
        var runs = 0;

        Assert.ThrowsAsync<InvalidOperationException>(() => RunAsync<int>(session, (_, _) => { runs++; throw new InvalidOperationException(); }));
        Assert.That((runs, session.Aborts), Is.EqualTo((1, 1)));
    }

    [Test]
    public async Task AnUnknownCommitResult_IsCommittedAgain()
    {
        var session = new ScriptedSession().FailCommits(UnknownCommit, UnknownCommit);
        var runs = 0;

        var result = await RunAsync(session, (_, _) => Task.FromResult(++runs));

        Assert.Multiple(() =>
        {
            Assert.That(result, Is.EqualTo(1), "the work ran once");
            Assert.That(session.CommitTokens, Has.Count.EqualTo(3));
            Assert.That(session.CommitTokens.All(t => !t.CanBeCanceled), Is.True);
        });
    }

    [Test]
    public async Task ACommitThatStaysUnknown_IsSuccess_WhenTheWriteLanded()
    {
        var session = new ScriptedSession().FailCommits(UnknownCommit);

        var result = await RunAsync(session, (_, _) => Task.FromResult("written"), landed: _ => Task.FromResult(true), retryFor: TimeSpan.Zero);

        Assert.That(result, Is.EqualTo("written"));
    }

    [Test]
    public void ACommitThatStaysUnknown_IsItsError_WhenTheWriteDidNotLand()
    {
        var session = new ScriptedSession().FailCommits(UnknownCommit);

        var error = Assert.ThrowsAsync<MongoException>(() =>
            RunAsync(session, (_, _) => Task.FromResult(1), landed: _ => Task.FromResult(false), retryFor: TimeSpan.Zero));

        Assert.That(error, Is.SameAs(UnknownCommit));
    }

    [Test]
    public void ACommitThatStaysUnknown_IsWriteOutcomeUnknown_WhenItCannotBeTold()
    {
        var withoutCheck = new ScriptedSession().FailCommits(UnknownCommit);
        var failingCheck = new ScriptedSession().FailCommits(UnknownCommit);

        Assert.Multiple(() =>
        {
            Assert.ThrowsAsync<WriteOutcomeUnknownException>(() =>
                RunAsync(withoutCheck, (_, _) => Task.FromResult(1), landed: null, retryFor: TimeSpan.Zero));
            Assert.ThrowsAsync<WriteOutcomeUnknownException>(() =>
                RunAsync(failingCheck, (_, _) => Task.FromResult(1), landed: _ => throw new TimeoutException(), retryFor: TimeSpan.Zero));
        });
    }

    private static Task<T> RunAsync<T>(
        ScriptedSession session,
        Func<IClientSessionHandle, CancellationToken, Task<T>> work,
        Func<CancellationToken, Task<bool>>? landed = null,
        TimeSpan? retryFor = null,
        CancellationToken cancellationToken = default) =>
        MongoTransactions.RunAsync(session, work, landed, retryFor ?? TimeSpan.FromSeconds(5), TimeProvider.System, cancellationToken);
}
