using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Common.Preconditions;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.LegacyWorkflowDefinitions.GetDefinition;

/// <summary>getDefinition: one V1 definition as stored (a V2 flow id is not found here).</summary>
public sealed record GetDefinitionQuery(OrganizationId OrganizationId, string DefinitionId) : IQuery<Tagged<JsonAnswer>>, IOrganizationRequest;
