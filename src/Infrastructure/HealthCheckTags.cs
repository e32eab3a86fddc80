namespace WorkflowDefinitions.Infrastructure;

public static class HealthCheckTags
{
    /// <summary>Checks that decide readiness: the service can reach its store.</summary>
    public const string Ready = "ready";
}
