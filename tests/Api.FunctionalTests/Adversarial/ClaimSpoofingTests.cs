using System.Net;
using WorkflowDefinitions.Api.Auth;
using WorkflowDefinitions.Api.FunctionalTests.Support;
using WorkflowDefinitions.TestSupport;
using static WorkflowDefinitions.Api.FunctionalTests.Support.HttpAssertions;

namespace WorkflowDefinitions.Api.FunctionalTests.Adversarial;

/// <summary>
/// Finding (a cross-organization read, verified): a validly signed token carrying a claim named like the service's
/// internal organization claim was served that claim's organization. The organization only ever comes from the
/// configured claims; an incoming claim with the internal name is dropped, on every route family.
/// </summary>
public class ClaimSpoofingTests
{
    private const string Victim = "victim-org";
    private const string Attacker = "attacker-org";

    private static ApiFactory _factory = null!;

    [OneTimeSetUp]
    public static async Task StoreTheVictimsDataAsync()
    {
        _factory = new ApiFactory();
        using var victim = _factory.CreateClientFor(Victim);
        await (await victim.PostAsync("/v1/workflows/closing-reasons", JsonBody("""{"id": "secret-reason", "title": "Secret"}"""))).AssertStatusAsync(HttpStatusCode.Created);
        await (await victim.PostAsync("/v2/flows/templates", JsonBody(FlowSamples.Minimal))).AssertStatusAsync(HttpStatusCode.Created);
        await (await victim.PostAsync("/v1/workflows/definitions", JsonBody(DefinitionSamples.LeadQualification))).AssertStatusAsync(HttpStatusCode.Created);
    }

    [OneTimeTearDown]
    public static void Stop() => _factory.Dispose();

    public static IEnumerable<TestCaseData> Reads() =>
    [
        new TestCaseData("/v1/workflows/closing-reasons", "reasons").SetArgDisplayNames("closing reasons"),
        new TestCaseData("/v2/flows/templates", "results").SetArgDisplayNames("flows"),
        new TestCaseData("/v1/workflows/definitions", null).SetArgDisplayNames("definitions"),
    ];

    [TestCaseSource(nameof(Reads))]
    public async Task TheInternalClaimBesideARealOrganization_IsIgnored(string route, string? listProperty)
    {
        using var client = _factory.CreateClientWithToken(TestTokens.Create(new()
        {
            ["org_id"] = Attacker,
            [OrganizationClaim.ClaimType] = Victim,
        }));

        var listed = await (await client.GetAsync(route)).ReadJsonAsync();
        var limits = await (await client.GetAsync("/v1/workflows/limits/max-allowed")).ReadJsonAsync();

        Assert.That((listProperty is null ? listed : listed[listProperty])!.AsArray(), Is.Empty, "the attacker's own, empty organization");
        Assert.That(limits["currentNoOfWorkflows"]!.GetValue<int>(), Is.Zero);
        await (await client.GetAsync("/v2/workflows/closing-reasons/secret-reason")).AssertErrorAsync(HttpStatusCode.NotFound);
    }

    [TestCaseSource(typeof(AllOperations), nameof(AllOperations.All))]
    public async Task TheInternalClaimAlone_IsNoOrganization_OnEveryOperation(ApiOperation operation)
    {
        using var client = _factory.CreateClient();
        var token = TestTokens.Create(new() { [OrganizationClaim.ClaimType] = Victim });

        var response = await client.SendAsync(operation.ToRequest(token));

        await response.AssertErrorAsync(HttpStatusCode.Forbidden, "Forbidden");
    }
}
