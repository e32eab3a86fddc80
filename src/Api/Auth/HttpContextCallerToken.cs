using WorkflowDefinitions.Infrastructure.Automations;

namespace WorkflowDefinitions.Api.Auth;

/// <summary>The bearer token of the request being served (already validated by the authentication middleware).</summary>
public sealed class HttpContextCallerToken(IHttpContextAccessor accessor) : ICallerToken
{
    private const string Scheme = "Bearer ";

    public string? BearerToken =>
        accessor.HttpContext?.Request.Headers.Authorization.ToString() is { } header && header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
            ? header[Scheme.Length..].Trim()
            : null;
}
