using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace WorkflowDefinitions.Api;

/// <summary>Readiness answers <c>{"status": ...}</c>; when the store is unreachable, 503 with a <c>message</c>.</summary>
public static class HealthResponse
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var failed = report.Entries.Values.FirstOrDefault(entry => entry.Status != HealthStatus.Healthy);
        object body = report.Status == HealthStatus.Healthy
            ? new { status = report.Status.ToString() }
            : new { status = report.Status.ToString(), message = failed.Description ?? "Not ready" };
        return context.Response.WriteAsJsonAsync(body, context.RequestAborted);
    }
}
