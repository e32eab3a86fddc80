using System.Text.Json.Nodes;
using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.ClosingReasons.ChangeReasonStatus;

/// <summary>changeReasonStatus: <paramref name="Body"/> is <c>{"status": "ACTIVE" | "INACTIVE"}</c>.</summary>
public sealed record ChangeReasonStatusCommand(OrganizationId OrganizationId, string ReasonId, JsonObject Body)
    : ICommand, IOrganizationRequest;
