using MongoDB.Bson;
using MongoDB.Driver;
using MongoDB.Driver.Core.Bindings;

namespace WorkflowDefinitions.Infrastructure.IntegrationTests.Persistence.Mongo;

/// <summary>
/// A session without a server for the transaction runner's tests: records starts, aborts and commits (with whether the
/// commit could be cancelled) and fails each commit with the next scripted error.
/// </summary>
public sealed class ScriptedSession : IClientSessionHandle
{
    private readonly Queue<Exception> _commitFailures = new();

    public int Starts { get; private set; }

    public int Aborts { get; private set; }

    public List<CancellationToken> CommitTokens { get; } = [];

    public TransactionOptions? LastOptions { get; private set; }

    public bool IsInTransaction { get; private set; }

    public IMongoClient Client => throw new NotSupportedException();

    public BsonDocument ClusterTime => throw new NotSupportedException();

    public bool IsImplicit => false;

    public BsonTimestamp OperationTime => throw new NotSupportedException();

    public ClientSessionOptions Options => new();

    [Obsolete("Part of the interface only.")]
    public IServerSession ServerSession => throw new NotSupportedException();

    public ICoreSessionHandle WrappedCoreSession => throw new NotSupportedException();

    /// <summary>The next commits fail with these, in order; later ones succeed.</summary>
    public ScriptedSession FailCommits(params Exception[] failures)
    {
        foreach (var failure in failures)
        {
            _commitFailures.Enqueue(failure);
        }

        return this;
    }

    public static MongoException Labelled(string label)
    {
        var exception = new MongoException($"scripted {label}");
        exception.AddErrorLabel(label);
        return exception;
    }

    public void StartTransaction(TransactionOptions? transactionOptions = null)
    {
        Starts++;
        LastOptions = transactionOptions;
        IsInTransaction = true;
    }

    public Task AbortTransactionAsync(CancellationToken cancellationToken = default)
    {
        Aborts++;
        IsInTransaction = false;
        return Task.CompletedTask;
    }

    public Task CommitTransactionAsync(CancellationToken cancellationToken = default)
    {
        CommitTokens.Add(cancellationToken);
        if (_commitFailures.TryDequeue(out var failure))
        {
            IsInTransaction = failure is not MongoException mongo || !mongo.HasErrorLabel("TransientTransactionError");

            return Task.FromException(failure);
        }

        IsInTransaction = false;
        return Task.CompletedTask;
    }

    public void AbortTransaction(CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public void AdvanceClusterTime(BsonDocument newClusterTime) => throw new NotSupportedException();

    public void AdvanceOperationTime(BsonTimestamp newOperationTime) => throw new NotSupportedException();

    public void CommitTransaction(CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public TResult WithTransaction<TResult>(
        Func<IClientSessionHandle, CancellationToken, TResult> callback, TransactionOptions? transactionOptions = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<TResult> WithTransactionAsync<TResult>(
        Func<IClientSessionHandle, CancellationToken, Task<TResult>> callbackAsync,
        TransactionOptions? transactionOptions = null,
        CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public IClientSessionHandle Fork() => throw new NotSupportedException();

    public void Dispose()
    {
    }
}
