using System.Diagnostics;

namespace WorkflowDefinitions.Application.Common;

/// <summary>The service's own trace source: one span per command or query, plus store spans.</summary>
public static class ApplicationTelemetry
{
    public const string ActivitySourceName = "WorkflowDefinitions";

    public const string OrganizationTag = "workflow_definitions.organization_id";

    public static ActivitySource ActivitySource { get; } = new(ActivitySourceName);
}
