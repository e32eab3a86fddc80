using WorkflowDefinitions.Infrastructure.Persistence.Sqlite;

namespace WorkflowDefinitions.Infrastructure.IntegrationTests.Persistence.Sqlite;

/// <summary>A write that starts a batch and holds the writer until it is released; what it writes then is in the same batch.</summary>
internal static class HeldWriter
{
    /// <summary>Starts the held write and returns once it runs: its task, and what releases it to run <paramref name="thenWrite"/>.</summary>
    public static async Task<(Task<T> Held, TaskCompletionSource Release)> HoldAsync<T>(SqliteGroupCommit writes, Func<SqliteWriter, Task<T>> thenWrite)
    {
        var started = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var held = writes.RunAsync(
            async writer =>
            {
                started.SetResult();
                await release.Task;
                return await thenWrite(writer);
            },
            CancellationToken.None);
        await started.Task;
        return (held, release);
    }
}
