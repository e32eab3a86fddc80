using System.Text.Json;
using System.Text.Json.Nodes;
using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.FlowTemplates.UpdateFlowTemplate;

/// <summary>updateFlowTemplate: full replacement; a body <c>updated_at</c> turns on the optimistic check (D20).</summary>
public sealed record UpdateFlowTemplateCommand(OrganizationId OrganizationId, string FlowId, JsonElement Body, bool EnforceLimits)
    : ICommand<JsonObject>, IOrganizationRequest;
