using System.Text.Json;
using System.Text.Json.Nodes;
using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Common.Preconditions;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.LegacyWorkflowDefinitions.CreateDefinition;

/// <summary>createDefinition: <paramref name="Body"/> is the <c>WorkflowDefinition</c> as sent; the domain checks it.</summary>
public sealed record CreateDefinitionCommand(OrganizationId OrganizationId, JsonElement Body, WriteMode Mode = WriteMode.Commit)
    : ICommand<Tagged<JsonObject>>, IOrganizationRequest;
