using System.Text.Json;
using System.Text.Json.Nodes;
using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Common.Preconditions;
using WorkflowDefinitions.Application.Workflows.History;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.LegacyWorkflowDefinitions.UpdateDefinition;

/// <summary>
/// updateDefinition: full replacement; the last write wins unless <paramref name="IfMatch"/> pins a version.
/// <paramref name="Source"/> is <c>restore</c> when a revision is put back through it.
/// </summary>
public sealed record UpdateDefinitionCommand(
    OrganizationId OrganizationId,
    string DefinitionId,
    JsonElement Body,
    IfMatch? IfMatch = null,
    WriteMode Mode = WriteMode.Commit,
    RevisionSource Source = RevisionSource.Update)
    : ICommand<Tagged<JsonObject>>, IOrganizationRequest;
