using System.Net;
using WorkflowDefinitions.Api.FunctionalTests.Support;

namespace WorkflowDefinitions.Api.FunctionalTests.Auth;

/// <summary>Contract §1.2, D04, D05, D58: 401 for every unusable token, 403 for a valid token without organization.</summary>
public class AuthenticationTests
{
    private const string Issuer = "https://issuer.test";
    private const string Audience = "workflow-definitions";
    private ApiFactory _factory = null!;

    private static IEnumerable<ApiOperation> Operations => AllOperations.All;

    private static IEnumerable<TestCaseData> UnusableTokens()
    {
        var organization = new Dictionary<string, object> { ["org_id"] = "123" };
        yield return new TestCaseData(null).SetName("no token");
        yield return new TestCaseData("not-a-jwt").SetName("malformed token");
        yield return new TestCaseData(TestTokens.Create(organization, expires: DateTime.UtcNow.AddMinutes(-5), notBefore: DateTime.UtcNow.AddMinutes(-10), issuer: Issuer, audience: Audience)).SetName("expired token");
        yield return new TestCaseData(TestTokens.Create(organization, notBefore: DateTime.UtcNow.AddMinutes(5), issuer: Issuer, audience: Audience)).SetName("token not valid yet");
        yield return new TestCaseData(TestTokens.Create(organization, signingKey: "another-signing-key-that-is-long-enough!!", issuer: Issuer, audience: Audience)).SetName("wrongly signed token");
        yield return new TestCaseData(TestTokens.WithAlgorithmNone("123")).SetName("alg none token");
        yield return new TestCaseData(TestTokens.WithoutExpiry("123")).SetName("token without exp");
        yield return new TestCaseData(TestTokens.Create(organization, issuer: "https://evil.test", audience: Audience)).SetName("wrong issuer");
        yield return new TestCaseData(TestTokens.Create(organization, issuer: Issuer, audience: "someone-else")).SetName("wrong audience");
        yield return new TestCaseData(TestTokens.Create(organization, audience: Audience)).SetName("missing issuer");
    }

    [OneTimeSetUp]
    public void StartService() => _factory = new ApiFactory(new Dictionary<string, string?>
    {
        ["Auth:Issuer"] = Issuer,
        ["Auth:Audience"] = Audience,
    });

    [OneTimeTearDown]
    public void StopService() => _factory.Dispose();

    [TestCaseSource(nameof(UnusableTokens))]
    public async Task EveryOperation_WithAnUnusableToken_Answers401(string? token)
    {
        using var client = _factory.CreateClient();
        foreach (var operation in Operations)
        {
            using var request = operation.ToRequest(token);

            var response = await client.SendAsync(request);

            await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "Unauthorized");
            Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.StartWith("Bearer"), operation.OperationId);
        }
    }

    [Test]
    public async Task EveryOperation_WithABasicAuthorizationHeader_Answers401()
    {
        using var client = _factory.CreateClient();
        foreach (var operation in Operations)
        {
            using var request = operation.ToRequest();
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", "dXNlcjpwYXNz");

            var response = await client.SendAsync(request);

            await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "Unauthorized");
        }
    }

    private static IEnumerable<TestCaseData> TokensWithoutOrganization()
    {
        yield return new TestCaseData(new Dictionary<string, object>()).SetName("no organization claim");
        yield return new TestCaseData(new Dictionary<string, object> { ["org_id"] = "" }).SetName("empty organization");
        yield return new TestCaseData(new Dictionary<string, object> { ["org_id"] = new[] { "1", "2" } }).SetName("array organization");
        yield return new TestCaseData(new Dictionary<string, object> { ["org_id"] = new[] { "1" } }).SetName("one-element array organization");
        yield return new TestCaseData(new Dictionary<string, object> { ["org_id"] = true }).SetName("boolean organization");
        yield return new TestCaseData(new Dictionary<string, object> { ["org_id"] = new Dictionary<string, object> { ["id"] = "1" } }).SetName("object organization");
        yield return new TestCaseData(new Dictionary<string, object> { ["tenant"] = "1" }).SetName("organization under an unconfigured claim");
    }

    [TestCaseSource(nameof(TokensWithoutOrganization))]
    public async Task EveryOperation_WithAValidTokenWithoutOrganization_Answers403(Dictionary<string, object> claims)
    {
        using var client = _factory.CreateClientWithToken(TestTokens.Create(claims, issuer: Issuer, audience: Audience));
        foreach (var operation in Operations)
        {
            using var request = operation.ToRequest();

            var response = await client.SendAsync(request);

            await response.AssertErrorAsync(HttpStatusCode.Forbidden, "Forbidden");
        }
    }

    [Test]
    public async Task NumericOrganizationClaim_IsTheSameOrganizationAsItsString()
    {
        using var numeric = _factory.CreateClientWithToken(TestTokens.Create(new() { ["org_id"] = 4711 }, issuer: Issuer, audience: Audience));
        using var text = _factory.CreateClientWithToken(TestTokens.Create(new() { ["org_id"] = "4711" }, issuer: Issuer, audience: Audience));
        await (await numeric.PostAsync("/v1/workflows/closing-reasons", HttpAssertions.JsonBody("""{"id": "numeric", "title": "t"}""")))
            .AssertStatusAsync(HttpStatusCode.Created);

        var response = await text.GetAsync("/v2/workflows/closing-reasons/numeric");

        await response.AssertStatusAsync(HttpStatusCode.OK);
    }

    [Test]
    public async Task OrganizationClaims_AreTriedInOrder_SkippingUnusableValues()
    {
        var organization = Guid.NewGuid().ToString("N");
        using var viaFallbackClaim = _factory.CreateClientWithToken(TestTokens.Create(
            new() { ["org_id"] = "", ["organizationId"] = organization }, issuer: Issuer, audience: Audience));
        using var viaCognitoClaim = _factory.CreateClientWithToken(TestTokens.Create(
            new() { ["custom:ivy_org_id"] = organization }, issuer: Issuer, audience: Audience));
        await (await viaFallbackClaim.PostAsync("/v1/workflows/closing-reasons", HttpAssertions.JsonBody("""{"id": "r", "title": "t"}""")))
            .AssertStatusAsync(HttpStatusCode.Created);

        var response = await viaCognitoClaim.GetAsync("/v2/workflows/closing-reasons/r");

        await response.AssertStatusAsync(HttpStatusCode.OK);
    }

    [Test]
    public async Task OrganizationClaims_AreConfigurable()
    {
        using var factory = new ApiFactory(new Dictionary<string, string?> { ["Auth:OrganizationClaims:0"] = "tenant" });
        using var configured = factory.CreateClientWithToken(TestTokens.Create(new() { ["tenant"] = "t1" }));
        using var defaultClaim = factory.CreateClientWithToken(TestTokens.Create(new() { ["org_id"] = "t1" }));

        var allowed = await configured.GetAsync("/v1/workflows/closing-reasons");
        var refused = await defaultClaim.GetAsync("/v1/workflows/closing-reasons");

        await allowed.AssertStatusAsync(HttpStatusCode.OK);
        await refused.AssertErrorAsync(HttpStatusCode.Forbidden, "Forbidden");
    }

    [Test]
    public async Task OrganizationIdInTheBody_IsIgnored()
    {
        var organization = Guid.NewGuid().ToString("N");
        using var client = _factory.CreateClientWithToken(TestTokens.Create(new() { ["org_id"] = organization }, issuer: Issuer, audience: Audience));
        using var victim = _factory.CreateClientWithToken(TestTokens.Create(new() { ["org_id"] = "victim" }, issuer: Issuer, audience: Audience));
        await (await client.PostAsync("/v1/workflows/closing-reasons", HttpAssertions.JsonBody("""{"id": "smuggled", "title": "t", "org_id": "victim", "orgId": "victim"}""")))
            .AssertStatusAsync(HttpStatusCode.Created);

        var response = await victim.GetAsync("/v2/workflows/closing-reasons/smuggled");

        await response.AssertErrorAsync(HttpStatusCode.NotFound);
    }
}
