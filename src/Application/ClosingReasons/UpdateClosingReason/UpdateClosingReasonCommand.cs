using System.Text.Json;
using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Common.Preconditions;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.ClosingReasons.UpdateClosingReason;

/// <summary>
/// updateClosingReason: <paramref name="Patch"/> is a JSON merge patch of the reason (contract D50), read by
/// <see cref="Domain.ClosingReasons.ClosingReasonBodies.ReadChanges"/>.
/// </summary>
public sealed record UpdateClosingReasonCommand(OrganizationId OrganizationId, string ReasonId, JsonElement Patch, IfMatch? IfMatch = null)
    : ICommand<Tagged<ClosingReasonDto>>, IOrganizationRequest;
