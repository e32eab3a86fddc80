namespace WorkflowDefinitions.Api.Auth;

/// <summary>Configuration section <c>Auth</c>: how bearer tokens are validated and where the organization is read.</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    public static IReadOnlyList<string> DefaultOrganizationClaims { get; } = ["org_id", "organizationId", "custom:ivy_org_id"];

    /// <summary>HS256 key (at least 32 bytes of UTF-8) for tokens this deployment signs itself.</summary>
    public string? SigningKey { get; set; }

    /// <summary>OpenID Connect issuer whose discovery document and JWKS validate tokens.</summary>
    public string? Authority { get; set; }

    /// <summary>Required <c>iss</c> claim, validated when set.</summary>
    public string? Issuer { get; set; }

    /// <summary>Required <c>aud</c> claim, validated when set.</summary>
    public string? Audience { get; set; }

    /// <summary>Claims holding the organization id, tried in order (contract D04).</summary>
    public string[]? OrganizationClaims { get; set; }

    /// <summary>Tolerance for <c>exp</c>/<c>nbf</c> (contract D58).</summary>
    public int ClockSkewSeconds { get; set; } = 60;

    /// <summary>Whether the authority's metadata must be fetched over HTTPS.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public IReadOnlyList<string> EffectiveOrganizationClaims =>
        OrganizationClaims is { Length: > 0 } claims ? claims : DefaultOrganizationClaims;
}
