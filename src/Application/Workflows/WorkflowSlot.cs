using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.Workflows;

/// <summary>
/// A place in an organization's workflow quota, held for one new workflow (V1 definition or V2 flow) with the id it
/// will have. It is either committed by storing the workflow or released; an abandoned one expires.
/// </summary>
public sealed record WorkflowSlot(OrganizationId OrganizationId, string WorkflowId);
