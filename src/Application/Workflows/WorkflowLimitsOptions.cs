using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.Workflows;

/// <summary>
/// Configuration section <c>WorkflowLimits</c>: <c>DefaultMaxAllowed</c> (1000) and per-organization overrides
/// <c>PerOrg:{organizationId}</c>.
/// </summary>
public sealed class WorkflowLimitsOptions : IWorkflowLimits
{
    public const string SectionName = "WorkflowLimits";

    public int DefaultMaxAllowed { get; set; } = 1000;

    public Dictionary<string, int> PerOrg { get; set; } = new(StringComparer.Ordinal);

    public int GetMaxAllowed(OrganizationId organizationId) =>
        PerOrg.TryGetValue(organizationId.Value, out var configured) ? configured : DefaultMaxAllowed;
}
