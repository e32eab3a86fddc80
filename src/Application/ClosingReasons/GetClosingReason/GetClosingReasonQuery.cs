using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Common.Preconditions;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.ClosingReasons.GetClosingReason;

/// <summary>getClosingReason and getClosingReasonV1: one reason, whatever its status.</summary>
public sealed record GetClosingReasonQuery(OrganizationId OrganizationId, string ReasonId)
    : IQuery<Tagged<ClosingReasonDto>>, IOrganizationRequest;
