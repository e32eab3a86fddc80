using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.ClosingReasons.GetAllClosingReasons;

/// <summary>getAllClosingReasons: the catalog, ACTIVE reasons only unless <paramref name="IncludeInactive"/>.</summary>
public sealed record GetAllClosingReasonsQuery(OrganizationId OrganizationId, bool IncludeInactive)
    : IQuery<ClosingReasonsDto>, IOrganizationRequest;
