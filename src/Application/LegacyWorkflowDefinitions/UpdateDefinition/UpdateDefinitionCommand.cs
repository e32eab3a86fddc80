using System.Text.Json;
using System.Text.Json.Nodes;
using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Common.Preconditions;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.LegacyWorkflowDefinitions.UpdateDefinition;

/// <summary>updateDefinition: full replacement; the last write wins unless <paramref name="IfMatch"/> pins a version.</summary>
public sealed record UpdateDefinitionCommand(
    OrganizationId OrganizationId, string DefinitionId, JsonElement Body, IfMatch? IfMatch = null, WriteMode Mode = WriteMode.Commit)
    : ICommand<Tagged<JsonObject>>, IOrganizationRequest;
