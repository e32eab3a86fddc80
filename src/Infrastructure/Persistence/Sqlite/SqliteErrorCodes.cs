namespace WorkflowDefinitions.Infrastructure.Persistence.Sqlite;

/// <summary>Extended result codes of https://www.sqlite.org/rescode.html the adapters react to.</summary>
public static class SqliteErrorCodes
{
    public const int PrimaryKeyConstraint = 1555;
}
