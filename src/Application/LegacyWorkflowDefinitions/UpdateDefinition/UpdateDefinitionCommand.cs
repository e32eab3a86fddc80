using System.Text.Json;
using System.Text.Json.Nodes;
using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.LegacyWorkflowDefinitions.UpdateDefinition;

/// <summary>updateDefinition: full replacement; no optimistic check in V1, the last write wins.</summary>
public sealed record UpdateDefinitionCommand(OrganizationId OrganizationId, string DefinitionId, JsonElement Body)
    : ICommand<JsonObject>, IOrganizationRequest;
