using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Common.Preconditions;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.ClosingReasons.DeleteClosingReason;

/// <summary>deleteClosingReason: permanent; references in workflows are left as they are (contract §7.4).</summary>
public sealed record DeleteClosingReasonCommand(OrganizationId OrganizationId, string ReasonId, IfMatch? IfMatch = null)
    : ICommand, IOrganizationRequest;
