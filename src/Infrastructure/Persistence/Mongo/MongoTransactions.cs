using MongoDB.Driver;
using WorkflowDefinitions.Application.Common;

namespace WorkflowDefinitions.Infrastructure.Persistence.Mongo;

/// <summary>
/// Runs a unit of work as one MongoDB transaction, the way every write of the service needs it:
/// <list type="bullet">
/// <item>with <see cref="MongoDurability.Transactions"/> (majority write, snapshot read, primary), whatever the deployment's defaults;</item>
/// <item>the caller's cancellation stops the work before the commit, never the commit: once sent, a commit is seen
/// through, so a client that disconnects cannot turn a stored write into one whose side effects were undone;</item>
/// <item>a transient error (<c>TransientTransactionError</c>: a write conflict with a concurrent transaction, a primary
/// stepping down) runs the work again after a short random pause, for at most <c>TransactionRetrySeconds</c>; then
/// <see cref="StoreBusyException"/> (503) — not the driver's 120 s of retries;</item>
/// <item>a commit whose result is unknown (<c>UnknownTransactionCommitResult</c>) is sent again (commits are idempotent)
/// within the same time; if it stays unknown, the caller's <c>landed</c> check reads whether the write is stored: stored
/// is success, not stored is the commit's error, and a check that fails too is <see cref="WriteOutcomeUnknownException"/>.</item>
/// </list>
/// Contention: every create of an organization writes its quota document and every flow write its feed counter, so
/// concurrent writes of one organization commit one at a time and the others meet write conflicts and retry; the retry
/// time bounds what that costs a request.
/// </summary>
public sealed class MongoTransactions(IMongoClient client, MongoStorageOptions options, TimeProvider clock)
{
    public const string TransientLabel = "TransientTransactionError";
    public const string UnknownCommitLabel = "UnknownTransactionCommitResult";

    private static readonly TimeSpan MaxPause = TimeSpan.FromMilliseconds(200);

    /// <summary>Runs <paramref name="work"/> in a transaction of a new session; see the class.</summary>
    /// <param name="landed">Whether the write is stored, asked only when the commit's result stayed unknown; null: cannot be told.</param>
    public async Task<T> RunAsync<T>(
        Func<IClientSessionHandle, CancellationToken, Task<T>> work,
        Func<CancellationToken, Task<bool>>? landed,
        CancellationToken cancellationToken)
    {
        using var session = await client.StartSessionAsync(cancellationToken: cancellationToken);
        return await RunAsync(session, work, landed, TimeSpan.FromSeconds(options.TransactionRetrySeconds), clock, cancellationToken);
    }

    public Task<T> RunAsync<T>(Func<IClientSessionHandle, CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        RunAsync(work, landed: null, cancellationToken);

    /// <summary>The algorithm of <see cref="RunAsync{T}(Func{IClientSessionHandle, CancellationToken, Task{T}}, Func{CancellationToken, Task{bool}}?, CancellationToken)"/> on a given session.</summary>
    public static async Task<T> RunAsync<T>(
        IClientSessionHandle session,
        Func<IClientSessionHandle, CancellationToken, Task<T>> work,
        Func<CancellationToken, Task<bool>>? landed,
        TimeSpan retryFor,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var started = clock.GetUtcNow();
        bool CanRetry() => clock.GetUtcNow() - started < retryFor && !cancellationToken.IsCancellationRequested;

        while (true)
        {
            session.StartTransaction(MongoDurability.Transactions);
            T result;
            try
            {
                result = await work(session, cancellationToken);
            }
            catch (Exception exception)
            {
                await AbortAsync(session);
                if (exception is MongoException mongo && mongo.HasErrorLabel(TransientLabel))
                {
                    if (CanRetry())
                    {
                        await PauseAsync(clock, cancellationToken);
                        continue;
                    }

                    throw new StoreBusyException(clock.GetUtcNow() - started, exception);
                }

                throw;
            }

            var outcome = await CommitAsync(session, CanRetry, clock);
            switch (outcome)
            {
                case CommitOutcome.Committed:
                    return result;
                case CommitOutcome.Transient { Error: var error }:
                    if (CanRetry())
                    {
                        await PauseAsync(clock, cancellationToken);
                        continue;
                    }

                    throw new StoreBusyException(clock.GetUtcNow() - started, error);
                case CommitOutcome.Unknown { Error: var error }:
                    return await LandedAsync(landed, error) ? result : throw error;
            }
        }
    }

    /// <summary>Commits with no cancellation; an unknown result is committed again while there is time.</summary>
    private static async Task<CommitOutcome> CommitAsync(IClientSessionHandle session, Func<bool> canRetry, TimeProvider clock)
    {
        while (true)
        {
            try
            {
                await session.CommitTransactionAsync(CancellationToken.None);
                return new CommitOutcome.Committed();
            }
            catch (MongoException exception) when (exception.HasErrorLabel(UnknownCommitLabel))
            {
                if (!canRetry())
                {
                    return new CommitOutcome.Unknown(exception);
                }

                await PauseAsync(clock, CancellationToken.None);
            }
            catch (MongoException exception) when (exception.HasErrorLabel(TransientLabel))
            {
                return new CommitOutcome.Transient(exception);
            }
        }
    }

    private static async Task<bool> LandedAsync(Func<CancellationToken, Task<bool>>? landed, MongoException commitError)
    {
        if (landed is null)
        {
            throw new WriteOutcomeUnknownException(commitError);
        }

        try
        {
            return await landed(CancellationToken.None);
        }
        catch (Exception exception) when (exception is MongoException or TimeoutException)
        {
            throw new WriteOutcomeUnknownException(commitError);
        }
    }

    private static async Task AbortAsync(IClientSessionHandle session)
    {
        if (!session.IsInTransaction)
        {
            return;
        }

        try
        {
            await session.AbortTransactionAsync(CancellationToken.None);
        }
        catch (MongoException)
        {
            // The server drops a transaction that is not committed; failing to abort it leaves nothing behind.
        }
    }

    /// <summary>A random pause up to <see cref="MaxPause"/>, so that conflicting transactions do not meet again at once.</summary>
    private static Task PauseAsync(TimeProvider clock, CancellationToken cancellationToken) =>
        Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, (int)MaxPause.TotalMilliseconds)), clock, cancellationToken);

    private abstract record CommitOutcome
    {
        public sealed record Committed : CommitOutcome;

        public sealed record Transient(MongoException Error) : CommitOutcome;

        public sealed record Unknown(MongoException Error) : CommitOutcome;
    }
}
