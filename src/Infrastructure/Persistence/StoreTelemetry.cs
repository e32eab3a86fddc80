using System.Diagnostics;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Infrastructure.Persistence;

/// <summary>Client spans around store calls the store's own driver does not trace (SQLite).</summary>
public static class StoreTelemetry
{
    public static Activity? StartSqlite(string collection, string operation, OrganizationId organizationId)
    {
        var activity = ApplicationTelemetry.ActivitySource.StartActivity($"{operation} {collection}", ActivityKind.Client);
        if (activity is not null)
        {
            activity.SetTag("db.system.name", "sqlite");
            activity.SetTag("db.collection.name", collection);
            activity.SetTag("db.operation.name", operation);
            activity.SetTag(ApplicationTelemetry.OrganizationTag, organizationId.Value);
        }

        return activity;
    }
}
