using WorkflowDefinitions.Domain.Common;

namespace WorkflowDefinitions.Application.ClosingReasons;

/// <summary>The organization's catalog already holds as many reasons as one may (<c>HardLimits</c>): a 400.</summary>
public sealed class ClosingReasonCatalogFullException(int current, int max)
    : DomainException($"Maximum number of closing reasons reached ({current}/{max})");
