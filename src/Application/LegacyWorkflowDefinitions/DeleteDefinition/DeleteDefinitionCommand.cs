using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Common.Preconditions;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.LegacyWorkflowDefinitions.DeleteDefinition;

/// <summary>deleteDefinition: hard delete, frees a quota slot; the closing-reason catalog is untouched.</summary>
public sealed record DeleteDefinitionCommand(OrganizationId OrganizationId, string DefinitionId, IfMatch? IfMatch = null) : ICommand, IOrganizationRequest;
