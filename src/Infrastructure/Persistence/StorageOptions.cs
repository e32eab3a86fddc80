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
    /// <summary>Database file; relative paths are resolved against the working directory. Created on first start.</summary>
    public string Path { get; set; } = "data/workflow-definitions.db";
}

public sealed class MongoStorageOptions
{
    public string? ConnectionString { get; set; }

    public string Database { get; set; } = "workflow_definitions";
}
