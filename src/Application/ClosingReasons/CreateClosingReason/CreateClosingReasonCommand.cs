using System.Text.Json.Nodes;
using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.ClosingReasons.CreateClosingReason;

/// <summary>createClosingReason: <paramref name="Body"/> is the <c>ClosingReason</c> as the client sent it.</summary>
public sealed record CreateClosingReasonCommand(OrganizationId OrganizationId, JsonObject Body)
    : ICommand<ClosingReasonDto>, IOrganizationRequest;
