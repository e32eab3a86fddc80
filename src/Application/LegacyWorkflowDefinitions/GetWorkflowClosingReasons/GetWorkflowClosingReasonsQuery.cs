using System.Text.Json.Nodes;
using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.LegacyWorkflowDefinitions.GetWorkflowClosingReasons;

/// <summary>getWorkflowClosingReasons: <c>{"reasons": [...]}</c>, the definition's closing reasons as stored (D18: V1 only).</summary>
public sealed record GetWorkflowClosingReasonsQuery(OrganizationId OrganizationId, string DefinitionId) : IQuery<JsonObject>, IOrganizationRequest;
