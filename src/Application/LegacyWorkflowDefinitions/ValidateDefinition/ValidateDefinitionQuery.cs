using System.Text.Json;
using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.LegacyWorkflowDefinitions.ValidateDefinition;

/// <summary>validateDefinition: <paramref name="Body"/> is what createDefinition would take; nothing is stored.</summary>
public sealed record ValidateDefinitionQuery(OrganizationId OrganizationId, JsonElement Body) : IQuery<ValidationReport>, IOrganizationRequest;
