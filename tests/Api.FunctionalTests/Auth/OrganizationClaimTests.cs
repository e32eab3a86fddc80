using Microsoft.IdentityModel.JsonWebTokens;
using WorkflowDefinitions.Api.Auth;
using WorkflowDefinitions.Api.FunctionalTests.Support;

namespace WorkflowDefinitions.Api.FunctionalTests.Auth;

/// <summary>A token's organization is read from its payload once per token object, and always for the claims asked for.</summary>
public class OrganizationClaimTests
{
    [Test]
    public void AToken_ResolvedAgain_GivesTheSameOrganization()
    {
        var token = new JsonWebToken(TestTokens.Create(new() { ["org_id"] = "org-once" }));
        string[] claims = ["org_id"];

        Assert.Multiple(() =>
        {
            Assert.That(OrganizationClaim.Resolve(token, claims), Is.EqualTo("org-once"));
            Assert.That(OrganizationClaim.Resolve(token, claims), Is.EqualTo("org-once"));
        });
    }

    [Test]
    public void AToken_ResolvedForOtherClaims_IsReadForThoseClaims()
    {
        var token = new JsonWebToken(TestTokens.Create(new() { ["org_id"] = "org-by-org-id", ["tenant"] = 42 }));

        Assert.Multiple(() =>
        {
            Assert.That(OrganizationClaim.Resolve(token, ["org_id"]), Is.EqualTo("org-by-org-id"));
            Assert.That(OrganizationClaim.Resolve(token, ["tenant"]), Is.EqualTo("42"));
            Assert.That(OrganizationClaim.Resolve(token, ["missing"]), Is.Null);
        });
    }
}
