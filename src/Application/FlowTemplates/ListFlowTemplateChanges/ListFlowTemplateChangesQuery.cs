using System.Text.Json.Nodes;
using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.FlowTemplates.ListFlowTemplateChanges;

/// <summary>
/// listFlowTemplateChanges: the organization's flow changes after <paramref name="After"/> in commit order, waiting up to
/// <paramref name="WaitSeconds"/> for one when there is none yet (long poll).
/// </summary>
public sealed record ListFlowTemplateChangesQuery(OrganizationId OrganizationId, string? After, int Limit, int WaitSeconds)
    : IQuery<JsonObject>, IOrganizationRequest;
