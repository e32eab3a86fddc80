using WorkflowDefinitions.Application.Common.Preconditions;
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

    /// <summary>
    /// The same, under the request's <c>If-Match</c>: when it pins a version, a lost race means the version is gone, which
    /// is a 412 and not tried again; with <c>*</c> or without the header, a lost race is written again.
    /// </summary>
    public static async ValueTask<T> RetryOnConflictAsync<T>(
        IfMatch? precondition, Func<PreconditionFailedException> preconditionFailed, Func<ValueTask<T>> readModifyWrite)
    {
        if (precondition is not { AnyVersion: false })
        {
            return await RetryOnConflictAsync(readModifyWrite);
        }

        try
        {
            return await readModifyWrite();
        }
        catch (ConcurrencyConflictException)
        {
            throw preconditionFailed();
        }
    }
}
