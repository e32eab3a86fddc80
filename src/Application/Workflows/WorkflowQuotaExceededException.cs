using WorkflowDefinitions.Domain.Common;

namespace WorkflowDefinitions.Application.Workflows;

/// <summary>A create would exceed the organization's maximum number of workflows (contract D44): a 400.</summary>
public sealed class WorkflowQuotaExceededException(int current, int maxAllowed)
    : DomainException($"Maximum number of workflows reached ({current}/{maxAllowed})");
