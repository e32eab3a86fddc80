using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.LegacyWorkflowDefinitions.DiffDefinitionRevisions;

/// <summary>diffDefinitionRevisions: what changed from revision <paramref name="From"/> to <paramref name="To"/> (a number or <c>current</c>, the default).</summary>
public sealed record DiffDefinitionRevisionsQuery(OrganizationId OrganizationId, string DefinitionId, string? From, string? To)
    : IQuery<JsonAnswer>, IOrganizationRequest;
