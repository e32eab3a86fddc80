using System.Text.Json.Nodes;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Infrastructure.IntegrationTests.Automations;

/// <summary>
/// What the embedded automation stores (SQLite, MongoDB) do beyond the client contract: a replacement is conditional on
/// the revision it read, so concurrent replacements each land once and whole.
/// </summary>
public abstract class EmbeddedAutomationStoreContract : AutomationClientContract
{
    /// <summary>The revision the store keeps for the flow.</summary>
    protected abstract Task<long> StoredRevisionAsync(OrganizationId organization, string flowId);

    [Test]
    public async Task ConcurrentReplacements_EachLandOnceAndWhole()
    {
        var client = await ClientForAsync(OrganizationA);
        var id = (await client.CreateFlowAsync(OrganizationA, Flow("Start"), CancellationToken.None))["id"]!.GetValue<string>();
        var names = Enumerable.Range(0, 6).Select(i => $"Writer {i}").ToList();

        var answers = await Task.WhenAll(names.Select(name => Task.Run(() => client.PutFlowAsync(OrganizationA, id, Flow(name, $$"""{"by": "{{name}}"}"""), CancellationToken.None))));

        var stored = (await client.GetFlowAsync(OrganizationA, id, CancellationToken.None))!;
        Assert.Multiple(async () =>
        {
            Assert.That(await StoredRevisionAsync(OrganizationA, id), Is.EqualTo(names.Count), "every replacement advanced the revision once");
            Assert.That(answers.Select(a => a["flow_name"]!.GetValue<string>()), Is.EquivalentTo(names));
            Assert.That(names, Does.Contain(stored["flow_name"]!.GetValue<string>()));
            Assert.That(stored["by"]!.GetValue<string>(), Is.EqualTo(stored["flow_name"]!.GetValue<string>()), "one writer's flow, whole");
        });
    }

    [Test]
    public async Task EachReplacement_AdvancesTheRevisionByOne()
    {
        var client = await ClientForAsync(OrganizationA);
        var id = (await client.CreateFlowAsync(OrganizationA, Flow("Start"), CancellationToken.None))["id"]!.GetValue<string>();
        var before = await StoredRevisionAsync(OrganizationA, id);

        await client.PutFlowAsync(OrganizationA, id, Flow("One"), CancellationToken.None);
        await client.PutFlowAsync(OrganizationA, id, Flow("Two"), CancellationToken.None);

        Assert.That(await StoredRevisionAsync(OrganizationA, id), Is.EqualTo(before + 2));
    }
}
