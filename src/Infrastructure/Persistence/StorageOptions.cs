namespace WorkflowDefinitions.Infrastructure.Persistence;

/// <summary>Configuration section <c>Storage</c>: which store holds the data and how to reach it.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    public SqliteStorageOptions Sqlite { get; set; } = new();

    public MongoStorageOptions Mongo { get; set; } = new();
}

public enum StorageProvider
{
    Sqlite,
    Mongo,
}

public sealed class SqliteStorageOptions
{
    public const int MaxSearchCacheMiB = 4096;

    /// <summary>Database file; relative paths are resolved against the working directory. Created on first start.</summary>
    public string Path { get; set; } = "data/workflow-definitions.db";

    /// <summary>
    /// How much memory recent flow searches' answers may hold, each answered again while its organization's flows have not
    /// changed (see <c>SqliteSearchCache</c>); 0 keeps none.
    /// </summary>
    public int SearchCacheMiB { get; set; } = 8;
}

public sealed class MongoStorageOptions
{
    public string? ConnectionString { get; set; }

    public string Database { get; set; } = "workflow_definitions";

    /// <summary>The name the client gives itself on the server (<c>appName</c>: server logs, <c>currentOp</c>).</summary>
    public string ApplicationName { get; set; } = "workflow-definitions";

    /// <summary>
    /// How long an operation waits for a primary before it fails. It also bounds start-up: a server that is down or a
    /// replica set that was never initiated stops the service with one line after this time.
    /// </summary>
    public int ServerSelectionTimeoutSeconds { get; set; } = 5;

    /// <summary>How long opening a connection to a server may take.</summary>
    public int ConnectTimeoutSeconds { get; set; } = 5;

    /// <summary>How long the readiness probe waits for the ping; a slower answer is "not ready".</summary>
    public int PingTimeoutSeconds { get; set; } = 2;

    /// <summary>
    /// How long a transaction that keeps meeting transient errors (write conflicts with concurrent transactions of the
    /// same organization, a primary stepping down) is run again before the request fails with 503.
    /// </summary>
    public int TransactionRetrySeconds { get; set; } = 5;
}
