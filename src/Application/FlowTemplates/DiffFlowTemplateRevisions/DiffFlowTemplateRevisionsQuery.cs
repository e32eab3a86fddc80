using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.FlowTemplates.DiffFlowTemplateRevisions;

/// <summary>diffFlowTemplateRevisions: what changed from revision <paramref name="From"/> to <paramref name="To"/> (a number or <c>current</c>, the default).</summary>
public sealed record DiffFlowTemplateRevisionsQuery(OrganizationId OrganizationId, string FlowId, string? From, string? To)
    : IQuery<JsonAnswer>, IOrganizationRequest;
