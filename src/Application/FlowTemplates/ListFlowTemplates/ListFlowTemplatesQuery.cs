using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.FlowTemplates.ListFlowTemplates;

/// <summary>listFlowTemplates: <c>{"results": [...]}</c>, filtered by the query's trigger parameters (§5.1), streamed.</summary>
public sealed record ListFlowTemplatesQuery(OrganizationId OrganizationId, string? TriggerType, string? TriggerSourceId, string? TriggerSchema)
    : IQuery<StreamedList>, IOrganizationRequest;
