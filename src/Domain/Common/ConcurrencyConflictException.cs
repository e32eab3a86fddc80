namespace WorkflowDefinitions.Domain.Common;

/// <summary>The stored revision changed between read and write. Answered with 409 and this message.</summary>
public sealed class ConcurrencyConflictException(string message) : Exception(message)
{
    public static ConcurrencyConflictException FlowTemplate(string id) =>
        new($"Flow template '{id}' was modified by another user since it was last loaded");

    public static ConcurrencyConflictException Definition(string id) => new($"Definition '{id}' was changed concurrently.");

    public static ConcurrencyConflictException ClosingReason(string id) => new($"Closing reason '{id}' was changed concurrently.");
}
