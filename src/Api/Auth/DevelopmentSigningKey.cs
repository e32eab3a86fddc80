namespace WorkflowDefinitions.Api.Auth;

/// <summary>
/// The well-known key a Development run uses when no key or authority is configured, so the service can be
/// tried locally with a token from <c>dev-token</c>. Anyone can mint tokens with it: it is never used outside
/// Development, where a missing key stops the service at start-up.
/// </summary>
public static class DevelopmentSigningKey
{
    public const string Value = "workflow-definitions-development-signing-key-not-for-production";
}
