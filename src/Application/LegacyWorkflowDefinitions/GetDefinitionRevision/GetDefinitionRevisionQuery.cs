using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.LegacyWorkflowDefinitions.GetDefinitionRevision;

/// <summary>getDefinitionRevision: the definition as getDefinition answered right after the write that recorded <paramref name="Revision"/>.</summary>
public sealed record GetDefinitionRevisionQuery(OrganizationId OrganizationId, string DefinitionId, string Revision)
    : IQuery<JsonAnswer>, IOrganizationRequest;
