using System.Text.Json.Serialization;
using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.Workflows.GetMaxAllowedLimit;

/// <summary>getMaxAllowedLimit: the organization's workflows (V1 + V2, D42) and its maximum (D43).</summary>
public sealed record GetMaxAllowedLimitQuery(OrganizationId OrganizationId) : IQuery<MaxAllowedLimitDto>, IOrganizationRequest;

/// <summary>The contract's <c>MaxAllowedLimit</c>.</summary>
public sealed record MaxAllowedLimitDto(
    [property: JsonPropertyName("currentNoOfWorkflows")] int CurrentNoOfWorkflows,
    [property: JsonPropertyName("maxAllowed")] int MaxAllowed);
