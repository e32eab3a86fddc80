using WorkflowDefinitions.EndToEnd.Tests.Support;
using WorkflowDefinitions.TestSupport;

namespace WorkflowDefinitions.EndToEnd.Tests;

/// <summary>
/// The seed's sample calls for the V2 flow operations and getMaxAllowedLimit, made with the real <c>@epilot/cli</c>.
/// The seed's createFlowTemplate and importFlowTemplate bodies are generated placeholders that break the contract's
/// rules (two tasks share the id "string", empty entity-sync rules): they are asserted to be refused, and the
/// specification's example and a real export are used instead.
/// </summary>
public class FlowTemplatesCliTests : CliFixture
{
    private static readonly string SeedCreateBody = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "seed-createFlowTemplate.json"));
    private static readonly string SeedImportBody = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "seed-importFlowTemplate.json"));

    [Test]
    public async Task SampleCalls_CreateListSearchGetUpdateDuplicateDelete()
    {
        var limits = await Run("getMaxAllowedLimit");
        var count = await Run("getMaxAllowedLimit", "--jsonata", "currentNoOfWorkflows");
        Assert.Multiple(() =>
        {
            Assert.That(limits.StatusCode, Is.EqualTo(200), limits.StandardError);
            Assert.That(limits.Json.ToJsonString(), Is.EqualTo("""{"currentNoOfWorkflows":0,"maxAllowed":1000}"""));
            Assert.That(count.Body, Is.EqualTo("0"));
        });

        var created = await Run("createFlowTemplate", "-d", FlowSamples.CustomerOnboarding);
        var id = created.Json["id"]!.GetValue<string>();
        Assert.Multiple(() =>
        {
            Assert.That(created.StatusCode, Is.EqualTo(201), created.StandardError);
            Assert.That(created.Headers["location"]?.GetValue<string>(), Does.EndWith($"/v2/flows/templates/{id}"));
            Assert.That(created.Json["limit_warnings"]!.ToJsonString(), Is.EqualTo("[]"));
        });

        var listed = await Run("listFlowTemplates");
        var first = await Run("listFlowTemplates", "--jsonata", "results[0]");
        var manual = await Run("listFlowTemplates", "-p", "trigger_type=manual", "-p", "trigger_schema=contact");
        var automation = await Run("listFlowTemplates", "-p", "trigger_type=automation");
        Assert.Multiple(() =>
        {
            Assert.That(listed.Json["results"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()), Is.EqualTo(new[] { id }));
            Assert.That(first.Json["id"]!.GetValue<string>(), Is.EqualTo(id));
            Assert.That(manual.Json["results"]!.AsArray(), Has.Count.EqualTo(1));
            Assert.That(automation.Json["results"]!.AsArray(), Is.Empty);
        });

        var seedSearch = await Run("searchFlowTemplates", "-d",
            """{"name":"string","definition_id":"string","trigger_type":"journey_submission","enabled":true,"from":0,"size":0,"sort_by":"updated_at","sort_order":"desc"}""");
        var search = await RunWithInput("""{"name": "onboarding", "size": 10}""", "searchFlowTemplates");
        var firstHit = await Run("searchFlowTemplates", "-d", """{"name": "Customer"}""", "--jsonata", "results[0]");
        Assert.Multiple(() =>
        {
            Assert.That(seedSearch.Json.ToJsonString(), Is.EqualTo("""{"hits":0,"results":[]}"""));
            Assert.That(search.Json["hits"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(firstHit.Json["id"]!.GetValue<string>(), Is.EqualTo(id));
        });

        var byParameter = await Run("getFlowTemplate", "-p", $"flowId={id}");
        var byPosition = await Run("getFlowTemplate", id);
        Assert.Multiple(() =>
        {
            Assert.That(byParameter.Json.ToJsonString(), Is.EqualTo(created.Json.ToJsonString()));
            Assert.That(byPosition.Json.ToJsonString(), Is.EqualTo(created.Json.ToJsonString()));
        });

        var body = byParameter.Json.AsObject();
        body["name"] = "Customer Onboarding v2";
        var updated = await Run("updateFlowTemplate", "-p", $"flowId={id}", "-d", body.ToJsonString());
        var stale = await RunWithInput(body.ToJsonString(), "updateFlowTemplate", "-p", $"flowId={id}");
        Assert.Multiple(() =>
        {
            Assert.That(updated.StatusCode, Is.EqualTo(200), updated.StandardError);
            Assert.That(updated.Json["name"]!.GetValue<string>(), Is.EqualTo("Customer Onboarding v2"));
            Assert.That(stale.StatusCode, Is.EqualTo(409), "the body still carries the updated_at read before the first update");
            Assert.That(stale.ExitCode, Is.EqualTo(1));
        });

        var duplicated = await Run("duplicateFlowTemplate", "-p", $"flowId={id}");
        var copyId = duplicated.Json["id"]!.GetValue<string>();
        Assert.Multiple(() =>
        {
            Assert.That(duplicated.StatusCode, Is.EqualTo(201), duplicated.StandardError);
            Assert.That(duplicated.Json["name"]!.GetValue<string>(), Is.EqualTo("Customer Onboarding v2 (Copy)"));
            Assert.That(copyId, Is.Not.EqualTo(id));
        });

        var deleted = await Run("deleteFlowTemplate", "-p", $"flowId={id}");
        var deletedAgain = await Run("deleteFlowTemplate", id);
        var remaining = await Run("getMaxAllowedLimit");
        Assert.Multiple(() =>
        {
            Assert.That(deleted.StatusCode, Is.EqualTo(204));
            Assert.That(deletedAgain.StatusCode, Is.EqualTo(404));
            Assert.That(deletedAgain.Json["message"]!.GetValue<string>(), Is.EqualTo($"Flow template with id '{id}' not found"));
            Assert.That(remaining.Json["currentNoOfWorkflows"]!.GetValue<int>(), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task SeedSampleBody_OfCreateFlowTemplate_IsRefusedWithEveryProblemNamed()
    {
        var result = await Run("createFlowTemplate", "-d", SeedCreateBody);

        var paths = result.Json["errors"]!.AsArray().Select(e => e!["path"]!.GetValue<string>()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(result.StatusCode, Is.EqualTo(400));
            Assert.That(result.ExitCode, Is.EqualTo(1));
            Assert.That(paths, Does.Contain("tasks[1].id"), "both tasks have the id 'string'");
            Assert.That(paths, Does.Contain("entity_sync[0].trigger.event"));
            Assert.That(paths, Does.Contain("phases[0].due_date_config.duration"));
        });
    }

    [Test]
    public async Task SampleCall_GetFlowTemplate_OfTheSeedsId_Answers404()
    {
        var result = await Run("getFlowTemplate", "-p", "flowId=7hj28akg");

        Assert.Multiple(() =>
        {
            Assert.That(result.StatusCode, Is.EqualTo(404));
            Assert.That(result.Json["message"]!.GetValue<string>(), Is.EqualTo("Flow template with id '7hj28akg' not found"));
        });
    }

    [Test]
    public async Task SampleCalls_ExportThenImportTheExportFromStandardInputIntoAnotherOrganization()
    {
        var created = await Run("createFlowTemplate", "-d", """
            {"name": "Exported flow", "trigger": {"type": "automation", "trigger_config": [{"type": "entity_operation", "configuration": {"schema": "order"}}]},
             "tasks": [{"id": "t1", "name": "Call", "task_type": "MANUAL"}, {"id": "t2", "name": "Mail", "task_type": "AUTOMATION", "automation_config": {"action_config": {"type": "send-email"}}}],
             "edges": [{"id": "e1", "from_id": "t1", "to_id": "t2"}]}
            """);
        var id = created.Json["id"]!.GetValue<string>();
        var automationIds = new[] { created.Json["trigger"]!["automation_id"]!.GetValue<string>(), created.Json["tasks"]![1]!["automation_config"]!["flow_id"]!.GetValue<string>() };

        var export = await Run("exportFlowTemplate", "-p", $"flowId={id}");
        var exportByPosition = await Run("exportFlowTemplate", id, "--jsonata", "$");
        Assert.Multiple(() =>
        {
            Assert.That(export.StatusCode, Is.EqualTo(200), export.StandardError);
            Assert.That(export.Json["_resolved_automations"]!.AsObject().Select(p => p.Key), Is.EqualTo(automationIds));
            Assert.That(export.Json.AsObject().ContainsKey("limit_warnings"), Is.False);
            Assert.That(exportByPosition.Json.ToJsonString(), Is.EqualTo(export.Json.ToJsonString()));
        });

        var otherOrganization = HmacTokens.ForOrganization(Guid.NewGuid().ToString("N"));
        var imported = await RunAs(otherOrganization, export.Body, "importFlowTemplate");
        var importedFlow = await RunAs(otherOrganization, export.Body, "importFlowTemplate", "--jsonata", "flow");
        var newId = imported.Json["flow"]!["id"]!.GetValue<string>();
        var fetched = await RunAs(otherOrganization, null, "getFlowTemplate", newId);
        Assert.Multiple(() =>
        {
            Assert.That(imported.StatusCode, Is.EqualTo(201), imported.StandardError);
            Assert.That(imported.Headers["location"]?.GetValue<string>(), Does.EndWith($"/v2/flows/templates/{newId}"));
            Assert.That(imported.Json["_id_mappings"]!["flow_id"]!.ToJsonString(), Is.EqualTo($$"""{"old":"{{id}}","new":"{{newId}}"}"""));
            Assert.That(imported.Json["_id_mappings"]!["automation_ids"]!.AsObject().Select(p => p.Key), Is.EqualTo(automationIds));
            Assert.That(imported.Json["_id_mappings"]!["task_ids"]!.AsObject().Select(p => p.Key), Is.EqualTo(new[] { "t1", "t2" }));
            Assert.That(imported.Json["flow"]!["trigger"]!["automation_id"]!.GetValue<string>(), Is.Not.EqualTo(automationIds[0]));
            Assert.That(importedFlow.Json["name"]!.GetValue<string>(), Is.EqualTo("Exported flow"));
            Assert.That(importedFlow.Json["id"]!.GetValue<string>(), Is.Not.EqualTo(newId), "a second import is a second flow");
            Assert.That(fetched.Json.ToJsonString(), Is.EqualTo(imported.Json["flow"]!.ToJsonString()));
        });
    }

    [Test]
    public async Task SampleCalls_ExportOfTheSeedsId_Answers404_AndTheSeedsImportBody_IsRefused()
    {
        var export = await Run("exportFlowTemplate", "-p", "flowId=7hj28akg");
        var import = await Run("importFlowTemplate", "-d", SeedImportBody);
        var remaining = await Run("getMaxAllowedLimit", "--jsonata", "currentNoOfWorkflows");

        var paths = import.Json["errors"]!.AsArray().Select(e => e!["path"]!.GetValue<string>()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(export.StatusCode, Is.EqualTo(404));
            Assert.That(export.Json["message"]!.GetValue<string>(), Is.EqualTo("Flow template with id '7hj28akg' not found"));
            Assert.That(import.StatusCode, Is.EqualTo(400));
            Assert.That(paths, Does.Contain("tasks[1].id"), "both tasks have the id 'string'");
            Assert.That(remaining.Body, Is.EqualTo("0"));
        });
    }
}
