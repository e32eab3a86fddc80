using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace WorkflowDefinitions.Api.FunctionalTests.Support;

/// <summary>Mints bearer tokens for the tests, valid or broken in one specific way.</summary>
public static class TestTokens
{
    public const string SigningKey = "functional-tests-signing-key-with-at-least-32-bytes";

    public static string ForOrganization(string organizationId) => Create(new() { ["org_id"] = organizationId });

    public static string Create(
        Dictionary<string, object> claims,
        string signingKey = SigningKey,
        DateTime? expires = null,
        DateTime? notBefore = null,
        string? issuer = null,
        string? audience = null)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim("sub", "test-user")]),
            Claims = claims,
            IssuedAt = now,
            NotBefore = notBefore ?? now.AddMinutes(-1),
            Expires = expires ?? now.AddHours(1),
            Issuer = issuer,
            Audience = audience,
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)), SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>A token whose header says <c>alg: none</c> and which carries no signature.</summary>
    public static string WithAlgorithmNone(string organizationId)
    {
        static string Encode(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));
        var expires = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        return $"{Encode("""{"alg":"none","typ":"JWT"}""")}.{Encode($$"""{"org_id":"{{organizationId}}","exp":{{expires}}}""")}.";
    }

    /// <summary>A token without <c>exp</c>: refused, tokens must expire (contract D58).</summary>
    public static string WithoutExpiry(string organizationId) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object> { ["org_id"] = organizationId },
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes(SigningKey)), SecurityAlgorithms.HmacSha256),
        });
}
