using System.Text.Json.Nodes;
using WorkflowDefinitions.Application.Automations;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Infrastructure.IntegrationTests.Automations;

/// <summary>What every <see cref="IAutomationClient"/> adapter must do (contract D41, D57). Written once, run per adapter.</summary>
public abstract class AutomationClientContract
{
    protected static readonly OrganizationId OrganizationA = new("automation-org-a");
    protected static readonly OrganizationId OrganizationB = new("automation-org-b");

    /// <summary>A client acting for <paramref name="organization"/>, over a store shared by all clients of the test.</summary>
    protected abstract Task<IAutomationClient> ClientForAsync(OrganizationId organization);

    [Test]
    public async Task Create_StoresTheFlowUnderANewUuid_WithItsReadOnlyFields()
    {
        var client = await ClientForAsync(OrganizationA);

        var created = await client.CreateFlowAsync(OrganizationA, Flow("Send welcome mail", """{"extra": {"kept": [1, 2]}, "id": "client-chosen"}"""), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(Guid.TryParse(created["id"]!.GetValue<string>(), out var id) && id.Version == 4, Is.True, created.ToJsonString());
            Assert.That(created["id"]!.GetValue<string>(), Is.Not.EqualTo("client-chosen"));
            Assert.That(created["flow_name"]!.GetValue<string>(), Is.EqualTo("Send welcome mail"));
            Assert.That(created["extra"]!.ToJsonString(), Is.EqualTo("""{"kept":[1,2]}"""));
            Assert.That(created["org_id"]!.GetValue<string>(), Is.EqualTo(OrganizationA.Value));
            Assert.That(created["created_at"], Is.Not.Null);
        });
    }

    [TestCase("""{"triggers": [], "actions": []}""")]
    [TestCase("""{"flow_name": "x", "actions": []}""")]
    [TestCase("""{"flow_name": "x", "triggers": []}""")]
    public async Task Create_WithoutTheRequiredFields_IsRejected(string flow)
    {
        var client = await ClientForAsync(OrganizationA);

        Assert.ThrowsAsync<AutomationRejectedException>(() => client.CreateFlowAsync(OrganizationA, JsonNode.Parse(flow)!.AsObject(), CancellationToken.None));
    }

    [Test]
    public async Task Get_ReturnsTheStoredFlow_OrNullWhenUnknownOrOfAnotherOrganization()
    {
        var client = await ClientForAsync(OrganizationA);
        var other = await ClientForAsync(OrganizationB);
        var created = await client.CreateFlowAsync(OrganizationA, Flow("Mine"), CancellationToken.None);
        var id = created["id"]!.GetValue<string>();

        var found = await client.GetFlowAsync(OrganizationA, id, CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(JsonNode.DeepEquals(found, created), Is.True);
            Assert.That(await client.GetFlowAsync(OrganizationA, Guid.NewGuid().ToString(), CancellationToken.None), Is.Null);
            Assert.That(await other.GetFlowAsync(OrganizationB, id, CancellationToken.None), Is.Null);
        });
    }

    [Test]
    public async Task Put_ReplacesTheFlow_KeepingItsId()
    {
        var client = await ClientForAsync(OrganizationA);
        var created = await client.CreateFlowAsync(OrganizationA, Flow("Before"), CancellationToken.None);
        var id = created["id"]!.GetValue<string>();

        await client.PutFlowAsync(OrganizationA, id, Flow("After", """{"id": "ignored"}"""), CancellationToken.None);

        var found = (await client.GetFlowAsync(OrganizationA, id, CancellationToken.None))!;
        Assert.Multiple(() =>
        {
            Assert.That(found["flow_name"]!.GetValue<string>(), Is.EqualTo("After"));
            Assert.That(found["id"]!.GetValue<string>(), Is.EqualTo(id));
        });
    }

    [Test]
    public async Task Put_OfAnUnknownFlow_IsRejected()
    {
        var client = await ClientForAsync(OrganizationA);

        Assert.ThrowsAsync<AutomationRejectedException>(() => client.PutFlowAsync(OrganizationA, Guid.NewGuid().ToString(), Flow("x"), CancellationToken.None));
    }

    [Test]
    public async Task Delete_RemovesTheFlow_AndDeletingAgainIsFine()
    {
        var client = await ClientForAsync(OrganizationA);
        var id = (await client.CreateFlowAsync(OrganizationA, Flow("Doomed"), CancellationToken.None))["id"]!.GetValue<string>();

        await client.DeleteFlowAsync(OrganizationA, id, CancellationToken.None);
        await client.DeleteFlowAsync(OrganizationA, id, CancellationToken.None);

        Assert.That(await client.GetFlowAsync(OrganizationA, id, CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task Delete_OfAnotherOrganizationsFlow_LeavesIt()
    {
        var client = await ClientForAsync(OrganizationA);
        var other = await ClientForAsync(OrganizationB);
        var id = (await client.CreateFlowAsync(OrganizationA, Flow("Mine"), CancellationToken.None))["id"]!.GetValue<string>();

        await other.DeleteFlowAsync(OrganizationB, id, CancellationToken.None);

        Assert.That(await client.GetFlowAsync(OrganizationA, id, CancellationToken.None), Is.Not.Null);
    }

    protected static JsonObject Flow(string name, string extra = "{}")
    {
        var flow = JsonNode.Parse(extra)!.AsObject();
        flow["flow_name"] = name;
        flow["triggers"] = JsonNode.Parse("""[{"type": "flows_trigger"}]""");
        flow["actions"] = JsonNode.Parse("""[{"type": "send-email", "config": {"template": "welcome"}}]""");
        return flow;
    }
}
