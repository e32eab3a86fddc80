using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.Workflows;

/// <summary>
/// A place in an organization's workflow quota, held for one new workflow (V1 definition or V2 flow) with the id it
/// will have. It is either committed by storing the workflow or released; an abandoned one expires.
/// </summary>
public sealed record WorkflowSlot(OrganizationId OrganizationId, string WorkflowId)
{
    /// <summary>Stores check that the workflow they are given is the one this slot was reserved for.</summary>
    /// <exception cref="ArgumentException">It is not: a programming error.</exception>
    public void EnsureHolds(OrganizationId organizationId, string workflowId)
    {
        if (organizationId != OrganizationId || workflowId != WorkflowId)
        {
            throw new ArgumentException($"Workflow '{workflowId}' must be stored in the slot reserved for it, not in the slot of '{WorkflowId}'.");
        }
    }
}
