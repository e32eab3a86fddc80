using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Api.Auth;

/// <summary>
/// Finds the caller's organization in a validated token (contract D04, D58): the first configured claim whose raw
/// JSON value is a non-empty string or a number. Arrays, objects, booleans and <c>""</c> count as absent.
/// </summary>
public static class OrganizationClaim
{
    /// <summary>
    /// The claim the service adds to the principal once the organization is known. Only the service sets it: a token
    /// carrying a claim of this name has it removed first (<see cref="RemoveFrom"/>).
    /// </summary>
    public const string ClaimType = "workflow_definitions:organization_id";

    /// <summary>
    /// What <see cref="Resolve"/> found in each token object still alive: a token <see cref="CachingJsonWebTokenHandler"/>
    /// remembers comes back as the same object with every request that sends it, and its payload is read once.
    /// </summary>
    private static readonly ConditionalWeakTable<JsonWebToken, Resolution> Resolutions = new();

    /// <summary>Drops every claim of the internal type that came with the token, whatever it says.</summary>
    public static void RemoveFrom(ClaimsIdentity identity)
    {
        foreach (var claim in identity.FindAll(ClaimType).ToList())
        {
            identity.RemoveClaim(claim);
        }
    }

    public static string? Resolve(JsonWebToken token, IReadOnlyList<string> claimNames)
    {
        if (Resolutions.TryGetValue(token, out var known) && ReferenceEquals(known.ClaimNames, claimNames))
        {
            return known.OrganizationId;
        }

        var organizationId = Read(token, claimNames);
        Resolutions.AddOrUpdate(token, new Resolution(claimNames, organizationId));
        return organizationId;
    }

    private static string? Read(JsonWebToken token, IReadOnlyList<string> claimNames)
    {
        using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(token.EncodedPayload));
        foreach (var name in claimNames)
        {
            if (!payload.RootElement.TryGetProperty(name, out var value))
            {
                continue;
            }

            var organizationId = value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            };
            if (!string.IsNullOrEmpty(organizationId))
            {
                return organizationId;
            }
        }

        return null;
    }

    private sealed record Resolution(IReadOnlyList<string> ClaimNames, string? OrganizationId);

    /// <summary>The organization of an authorized request (the default policy guarantees the claim).</summary>
    public static OrganizationId GetOrganizationId(this ClaimsPrincipal user) =>
        new(user.FindFirstValue(ClaimType)
            ?? throw new InvalidOperationException("The request was authorized without an organization claim."));
}
