using System.Text.Json;
using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Common.Preconditions;
using WorkflowDefinitions.Application.Workflows.History;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.FlowTemplates.UpdateFlowTemplate;

/// <summary>
/// updateFlowTemplate: full replacement; a body <c>updated_at</c> turns on the optimistic check (D20), an
/// <paramref name="IfMatch"/> the entity-tag precondition. <paramref name="Source"/> is <c>restore</c> when a revision is
/// put back through it.
/// </summary>
public sealed record UpdateFlowTemplateCommand(
    OrganizationId OrganizationId,
    string FlowId,
    JsonElement Body,
    bool EnforceLimits,
    IfMatch? IfMatch = null,
    WriteMode Mode = WriteMode.Commit,
    RevisionSource Source = RevisionSource.Update)
    : ICommand<Tagged<JsonAnswer>>, IOrganizationRequest;
