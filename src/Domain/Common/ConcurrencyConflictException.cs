namespace WorkflowDefinitions.Domain.Common;

/// <summary>The stored revision changed between read and write. Answered with 409.</summary>
public sealed class ConcurrencyConflictException(string message) : Exception(message);
