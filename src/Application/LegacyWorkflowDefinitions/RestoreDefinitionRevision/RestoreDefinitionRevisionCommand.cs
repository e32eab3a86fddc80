using System.Text.Json.Nodes;
using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Common.Preconditions;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.LegacyWorkflowDefinitions.RestoreDefinitionRevision;

/// <summary>restoreDefinitionRevision: the definition gets <paramref name="Revision"/>'s content back, as a new revision.</summary>
public sealed record RestoreDefinitionRevisionCommand(OrganizationId OrganizationId, string DefinitionId, string Revision, IfMatch? IfMatch = null)
    : ICommand<Tagged<JsonObject>>, IOrganizationRequest;
