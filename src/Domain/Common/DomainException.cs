namespace WorkflowDefinitions.Domain.Common;

/// <summary>A request that would break a domain rule. Answered with 400 and this message.</summary>
public class DomainException(string message) : Exception(message);
