using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.FlowTemplates.GetFlowTemplateRevision;

/// <summary>getFlowTemplateRevision: the flow as getFlowTemplate answered right after the write that recorded <paramref name="Revision"/>.</summary>
public sealed record GetFlowTemplateRevisionQuery(OrganizationId OrganizationId, string FlowId, string Revision)
    : IQuery<JsonAnswer>, IOrganizationRequest;
