using System.Text.Json;
using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Common.Preconditions;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.LegacyWorkflowDefinitions.SetWorkflowClosingReasons;

/// <summary>setWorkflowClosingReasons: <paramref name="Body"/> is <c>{"reasons": [{"id": ...}]}</c>; it replaces the list (§7.5).</summary>
public sealed record SetWorkflowClosingReasonsCommand(OrganizationId OrganizationId, string DefinitionId, JsonElement Body, IfMatch? IfMatch = null)
    : ICommand, IOrganizationRequest;
