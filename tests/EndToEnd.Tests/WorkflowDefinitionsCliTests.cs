using WorkflowDefinitions.EndToEnd.Tests.Support;
using WorkflowDefinitions.TestSupport;

namespace WorkflowDefinitions.EndToEnd.Tests;

/// <summary>
/// The seed's sample calls for the V1 definition operations, made with the real <c>@epilot/cli</c>. The seed's
/// createDefinition body is a generated placeholder that breaks the contract's rules (two items share the id "string",
/// empty due-date and automation objects): it is asserted to be refused, and the specification's example is used instead.
/// </summary>
public class WorkflowDefinitionsCliTests : CliFixture
{
    private static readonly string SeedCreateBody = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "seed-createDefinition.json"));

    [Test]
    public async Task SampleCalls_CreateListGetUpdateSetClosingReasonsDelete()
    {
        var empty = await Run("getDefinitions");
        var emptyFiltered = await Run("getDefinitions", "--jsonata", "$");
        Assert.Multiple(() =>
        {
            Assert.That(empty.StatusCode, Is.EqualTo(200), empty.StandardError);
            Assert.That(empty.Json.ToJsonString(), Is.EqualTo("[]"));
            Assert.That(emptyFiltered.Json.ToJsonString(), Is.EqualTo("[]"));
        });

        var created = await Run("createDefinition", "-d", DefinitionSamples.LeadQualification);
        var id = created.Json["id"]!.GetValue<string>();
        var piped = await RunWithInput(DefinitionSamples.WithReferences, "createDefinition", "--jsonata", "id");
        Assert.Multiple(() =>
        {
            Assert.That(created.StatusCode, Is.EqualTo(201), created.StandardError);
            Assert.That(created.Headers["location"]?.GetValue<string>(), Does.EndWith($"/v1/workflows/definitions/{id}"));
            Assert.That(created.Json["flow"]![0]!["steps"]![2]!["id"]!.GetValue<string>(), Does.Match("^[0-9a-z]{7}$"));
            Assert.That(piped.StatusCode, Is.EqualTo(201), piped.StandardError);
            Assert.That(piped.Body, Does.Match("^[0-9a-z]{8}$"), "the CLI prints a JSONata string result raw");
        });

        var listed = await Run("getDefinitions", "--jsonata", "$.name");
        var byParameter = await Run("getDefinition", "-p", $"definitionId={id}");
        var byPosition = await Run("getDefinition", id);
        var filtered = await Run("getDefinition", "-p", $"definitionId={id}", "--jsonata", "id");
        Assert.Multiple(() =>
        {
            Assert.That(listed.Json.ToJsonString(), Is.EqualTo("""["Lead Qualification","Installation"]"""));
            Assert.That(byParameter.Json.ToJsonString(), Is.EqualTo(created.Json.ToJsonString()));
            Assert.That(byPosition.Json.ToJsonString(), Is.EqualTo(created.Json.ToJsonString()));
            Assert.That(filtered.Body, Is.EqualTo(id));
        });

        var body = byParameter.Json.AsObject();
        body["name"] = "Lead Qualification v2";
        var updated = await Run("updateDefinition", "-p", $"definitionId={id}", "-d", body.ToJsonString());
        body["description"] = "piped";
        var updatedFromInput = await RunWithInput(body.ToJsonString(), "updateDefinition", id, "--jsonata", "description");
        Assert.Multiple(() =>
        {
            Assert.That(updated.StatusCode, Is.EqualTo(200), updated.StandardError);
            Assert.That(updated.Json["name"]!.GetValue<string>(), Is.EqualTo("Lead Qualification v2"));
            Assert.That(updated.Json["creationTime"]!.ToJsonString(), Is.EqualTo(created.Json["creationTime"]!.ToJsonString()));
            Assert.That(updated.Json["flow"]!.ToJsonString(), Is.EqualTo(created.Json["flow"]!.ToJsonString()), "item ids sent back are kept");
            Assert.That(updatedFromInput.Body, Is.EqualTo("piped"));
        });

        var set = await Run("setWorkflowClosingReasons", "-p", $"definitionId={id}", "-d", """{"reasons":[{"id":"x739cew"}]}""");
        var setFromInput = await RunWithInput("""{"reasons":[{"id":"x739cew"},{"id":"fxcwfw"}]}""", "setWorkflowClosingReasons", id, "--jsonata", "$");
        var reasons = await Run("getWorkflowClosingReasons", "-p", $"definitionId={id}");
        var reasonList = await Run("getWorkflowClosingReasons", id, "--jsonata", "reasons");
        Assert.Multiple(() =>
        {
            Assert.That(set.StatusCode, Is.EqualTo(201), set.StandardError);
            Assert.That(set.ExitCode, Is.Zero);
            Assert.That(set.Body, Is.Empty);
            Assert.That(setFromInput.StatusCode, Is.EqualTo(201), setFromInput.StandardError);
            Assert.That(reasons.Json.ToJsonString(), Is.EqualTo("""{"reasons":[{"id":"x739cew"},{"id":"fxcwfw"}]}"""));
            Assert.That(reasonList.Json.ToJsonString(), Is.EqualTo("""[{"id":"x739cew"},{"id":"fxcwfw"}]"""));
        });

        var deleted = await Run("deleteDefinition", "-p", $"definitionId={id}");
        var deletedAgain = await Run("deleteDefinition", id, "--jsonata", "$");
        var remaining = await Run("getMaxAllowedLimit", "--jsonata", "currentNoOfWorkflows");
        Assert.Multiple(() =>
        {
            Assert.That(deleted.StatusCode, Is.EqualTo(204), deleted.StandardError);
            Assert.That(deletedAgain.StatusCode, Is.EqualTo(404));
            Assert.That(deletedAgain.ExitCode, Is.EqualTo(1));
            Assert.That(deletedAgain.Json["message"]!.GetValue<string>(), Is.EqualTo($"Definition with id '{id}' not found"));
            Assert.That(remaining.Body, Is.EqualTo("1"));
        });
    }

    [Test]
    public async Task SeedSampleBody_OfCreateDefinition_IsRefusedWithEveryProblemNamed()
    {
        var result = await Run("createDefinition", "-d", SeedCreateBody);

        var paths = result.Json["errors"]!.AsArray().Select(e => e!["path"]!.GetValue<string>()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(result.StatusCode, Is.EqualTo(400));
            Assert.That(result.ExitCode, Is.EqualTo(1));
            Assert.That(paths, Does.Contain("flow[1].id"), "both items have the id 'string'");
            Assert.That(paths, Does.Contain("flow[0].dynamicDueDate.numberOfUnits"));
            Assert.That(paths, Does.Contain("flow[1].automationConfig.flowId"));
            Assert.That(paths, Does.Contain("updateEntityAttributes[0].target.entitySchema"));
        });
    }

    [Test]
    public async Task SampleCalls_WithTheSeedsIds_Answer404()
    {
        var get = await Run("getDefinition", "7hj28a");
        var update = await Run("updateDefinition", "-p", "definitionId=7hj28a", "-d", DefinitionSamples.LeadQualification);
        var delete = await Run("deleteDefinition", "-p", "definitionId=CustomerRequest");
        var reasons = await Run("getWorkflowClosingReasons", "-p", "definitionId=fxcwfw");
        var setReasons = await Run("setWorkflowClosingReasons", "-p", "definitionId=7889", "-d", """{"reasons":[{"id":"x739cew"}]}""");

        Assert.Multiple(() =>
        {
            Assert.That(get.Json["message"]!.GetValue<string>(), Is.EqualTo("Definition with id '7hj28a' not found"));
            Assert.That(update.Json["message"]!.GetValue<string>(), Is.EqualTo("Definition with id '7hj28a' not found"));
            Assert.That(delete.Json["message"]!.GetValue<string>(), Is.EqualTo("Definition with id 'CustomerRequest' not found"));
            Assert.That(reasons.Json["message"]!.GetValue<string>(), Is.EqualTo("Definition with id 'fxcwfw' not found"));
            Assert.That(setReasons.Json["message"]!.GetValue<string>(), Is.EqualTo("Definition with id '7889' not found"));
            Assert.That(new[] { get, update, delete, reasons, setReasons }.Select(r => r.StatusCode), Has.All.EqualTo(404));
        });
    }
}
