using System.Text.Json;
using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Common.Preconditions;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.ClosingReasons.CreateClosingReason;

/// <summary>
/// createClosingReason: <paramref name="Body"/> is the <c>ClosingReason</c> as the client sent it, read by
/// <see cref="Domain.ClosingReasons.ClosingReasonBodies.ReadNew"/> (every violation at once), so this command has no
/// request validator.
/// </summary>
public sealed record CreateClosingReasonCommand(OrganizationId OrganizationId, JsonElement Body)
    : ICommand<Tagged<ClosingReasonDto>>, IOrganizationRequest;
