using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.ClosingReasons.GetAllClosingReasons;

/// <summary>getAllClosingReasons: <c>{"reasons": [...]}</c>, ACTIVE reasons only unless <paramref name="IncludeInactive"/>, streamed.</summary>
public sealed record GetAllClosingReasonsQuery(OrganizationId OrganizationId, bool IncludeInactive)
    : IQuery<StreamedList>, IOrganizationRequest;
