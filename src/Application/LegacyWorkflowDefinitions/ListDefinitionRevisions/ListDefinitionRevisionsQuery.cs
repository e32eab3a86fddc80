using System.Text.Json.Nodes;
using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.LegacyWorkflowDefinitions.ListDefinitionRevisions;

/// <summary>listDefinitionRevisions: the definition's revisions, newest first, <paramref name="Limit"/> at a time.</summary>
public sealed record ListDefinitionRevisionsQuery(OrganizationId OrganizationId, string DefinitionId, int Limit, string? Cursor)
    : IQuery<JsonObject>, IOrganizationRequest;
