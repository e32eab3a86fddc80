namespace WorkflowDefinitions.Infrastructure.Automations;

/// <summary>The bearer token of the request being served, forwarded so automations land in the caller's organization.</summary>
public interface ICallerToken
{
    string? BearerToken { get; }
}
