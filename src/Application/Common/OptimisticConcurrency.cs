using WorkflowDefinitions.Domain.Common;

namespace WorkflowDefinitions.Application.Common;

/// <summary>
/// Runs a read-modify-write again when another writer won the race, so that concurrent partial updates
/// all apply instead of silently overwriting each other.
/// </summary>
public static class OptimisticConcurrency
{
    public const int MaxAttempts = 8;

    public static async ValueTask<T> RetryOnConflictAsync<T>(Func<ValueTask<T>> readModifyWrite)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await readModifyWrite();
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
                // Someone else wrote in between: read the new revision and apply the change again.
            }
        }
    }
}
