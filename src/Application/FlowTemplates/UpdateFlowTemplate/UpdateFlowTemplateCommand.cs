using System.Text.Json;
using System.Text.Json.Nodes;
using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Common.Preconditions;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.FlowTemplates.UpdateFlowTemplate;

/// <summary>
/// updateFlowTemplate: full replacement; a body <c>updated_at</c> turns on the optimistic check (D20), an
/// <paramref name="IfMatch"/> the entity-tag precondition.
/// </summary>
public sealed record UpdateFlowTemplateCommand(
    OrganizationId OrganizationId, string FlowId, JsonElement Body, bool EnforceLimits, IfMatch? IfMatch = null, WriteMode Mode = WriteMode.Commit)
    : ICommand<Tagged<JsonObject>>, IOrganizationRequest;
