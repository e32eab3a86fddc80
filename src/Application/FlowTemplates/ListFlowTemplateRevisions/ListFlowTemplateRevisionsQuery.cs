using System.Text.Json.Nodes;
using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.FlowTemplates.ListFlowTemplateRevisions;

/// <summary>listFlowTemplateRevisions: the flow's revisions, newest first, <paramref name="Limit"/> at a time.</summary>
public sealed record ListFlowTemplateRevisionsQuery(OrganizationId OrganizationId, string FlowId, int Limit, string? Cursor)
    : IQuery<JsonObject>, IOrganizationRequest;
