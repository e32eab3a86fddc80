using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.Common;

/// <summary>A command or query issued on behalf of one organization (used to tag its trace span).</summary>
public interface IOrganizationRequest
{
    OrganizationId OrganizationId { get; }
}
