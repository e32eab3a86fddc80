using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.Workflows;

/// <summary>How many workflows an organization may have (contract D43): its own setting, else the default.</summary>
public interface IWorkflowLimits
{
    int GetMaxAllowed(OrganizationId organizationId);
}
