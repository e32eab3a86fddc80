using System.Text.Json.Nodes;
using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.ClosingReasons.UpdateClosingReason;

/// <summary>updateClosingReason: <paramref name="Patch"/> is a JSON merge patch of the reason (contract D50).</summary>
public sealed record UpdateClosingReasonCommand(OrganizationId OrganizationId, string ReasonId, JsonObject Patch)
    : ICommand<ClosingReasonDto>, IOrganizationRequest;
