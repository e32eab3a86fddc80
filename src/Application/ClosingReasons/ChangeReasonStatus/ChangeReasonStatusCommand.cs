using System.Text.Json;
using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Common.Preconditions;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.ClosingReasons.ChangeReasonStatus;

/// <summary>
/// changeReasonStatus: <paramref name="Body"/> is <c>{"status": "ACTIVE" | "INACTIVE"}</c>, read by
/// <see cref="Domain.ClosingReasons.ClosingReasonBodies.ReadStatusChange"/>.
/// </summary>
public sealed record ChangeReasonStatusCommand(OrganizationId OrganizationId, string ReasonId, JsonElement Body, IfMatch? IfMatch = null)
    : ICommand, IOrganizationRequest;
