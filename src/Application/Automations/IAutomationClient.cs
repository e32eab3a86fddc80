using System.Text.Json.Nodes;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.Automations;

/// <summary>
/// The automation flows of an organization (the Automation API's <c>AutomationFlow</c>, contract §3.6, D41, D57):
/// created, read, replaced and deleted on behalf of the caller, in the caller's organization.
/// </summary>
/// <remarks>Rejections (4xx) throw <see cref="AutomationRejectedException"/>; outages (5xx, timeouts) throw
/// <see cref="AutomationUnavailableException"/>.</remarks>
public interface IAutomationClient
{
    /// <summary>Creates a flow; returns it as stored, with its new <c>id</c>.</summary>
    Task<JsonObject> CreateFlowAsync(OrganizationId organizationId, JsonObject flow, CancellationToken cancellationToken);

    /// <summary>The flow, or null when it does not exist or the caller may not see it (404/403).</summary>
    Task<JsonObject?> GetFlowAsync(OrganizationId organizationId, string flowId, CancellationToken cancellationToken);

    /// <summary>Replaces a flow; returns it as stored.</summary>
    Task<JsonObject> PutFlowAsync(OrganizationId organizationId, string flowId, JsonObject flow, CancellationToken cancellationToken);

    /// <summary>Deletes a flow; deleting one that is already gone is not an error.</summary>
    Task DeleteFlowAsync(OrganizationId organizationId, string flowId, CancellationToken cancellationToken);
}
