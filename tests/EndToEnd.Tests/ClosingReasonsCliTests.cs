using WorkflowDefinitions.EndToEnd.Tests.Support;

namespace WorkflowDefinitions.EndToEnd.Tests;

/// <summary>
/// The seed's sample calls for the closing-reason operations, made with the real <c>@epilot/cli</c> against the
/// service running as a process: <c>-p</c>, positional ids, <c>-d</c>, stdin bodies and <c>--jsonata</c>.
/// </summary>
public class ClosingReasonsCliTests : CliFixture
{
    [Test]
    public async Task SampleCalls_CreateReadUpdateChangeStatusDelete()
    {
        var created = await Run("createClosingReason", "-d",
            """{"id":"x739cew","title":"string","status":"ACTIVE","lastUpdateTime":"string","creationTime":"string"}""");
        Assert.Multiple(() =>
        {
            Assert.That(created.StatusCode, Is.EqualTo(201), created.StandardError);
            Assert.That(created.ExitCode, Is.Zero);
            Assert.That(created.Json["id"]!.GetValue<string>(), Is.EqualTo("x739cew"));
            Assert.That(created.Json["creationTime"]!.GetValue<string>(), Is.Not.EqualTo("string"));
            Assert.That(created.Headers["location"]?.GetValue<string>(), Does.EndWith("/v2/workflows/closing-reasons/x739cew"));
        });

        var byParameter = await Run("getClosingReason", "-p", "reasonId=x739cew");
        var byPosition = await Run("getClosingReason", "x739cew");
        var filtered = await Run("getClosingReason", "-p", "reasonId=x739cew", "--jsonata", "id");
        Assert.Multiple(() =>
        {
            Assert.That(byParameter.StatusCode, Is.EqualTo(200));
            Assert.That(byParameter.Json.ToJsonString(), Is.EqualTo(created.Json.ToJsonString()));
            Assert.That(byPosition.Json.ToJsonString(), Is.EqualTo(created.Json.ToJsonString()));
            Assert.That(filtered.Body, Is.EqualTo("x739cew"), "the CLI prints a JSONata string result raw");
        });

        var updated = await Run("updateClosingReason", "-p", "reasonId=x739cew", "-d",
            """{"id":"string","title":"better offer","status":"ACTIVE","lastUpdateTime":"string","creationTime":"string"}""");
        Assert.Multiple(() =>
        {
            Assert.That(updated.StatusCode, Is.EqualTo(200), updated.StandardError);
            Assert.That(updated.Json["id"]!.GetValue<string>(), Is.EqualTo("x739cew"));
            Assert.That(updated.Json["title"]!.GetValue<string>(), Is.EqualTo("better offer"));
        });

        var fromStandardInput = await RunWithInput("""{"description":"piped"}""", "updateClosingReason", "-p", "reasonId=x739cew");
        Assert.That(fromStandardInput.Json["description"]!.GetValue<string>(), Is.EqualTo("piped"));

        var deactivated = await Run("changeReasonStatus", "-p", "reasonId=x739cew", "-d", """{"status":"INACTIVE"}""");
        Assert.Multiple(() =>
        {
            Assert.That(deactivated.StatusCode, Is.EqualTo(202), deactivated.StandardError);
            Assert.That(deactivated.Body, Is.Empty);
        });

        var active = await Run("getAllClosingReasons", "--jsonata", "reasons");
        var all = await Run("getAllClosingReasons", "-p", "includeInactive=true");
        var deprecated = await Run("getClosingReasonV1", "x739cew");
        Assert.Multiple(() =>
        {
            Assert.That(active.StatusCode, Is.EqualTo(200));
            Assert.That(active.Body, Is.Empty.Or.EqualTo("[]"), "JSONata over an empty array prints nothing");
            Assert.That(all.Json["reasons"]!.AsArray().Single()!["status"]!.GetValue<string>(), Is.EqualTo("INACTIVE"));
            Assert.That(deprecated.StatusCode, Is.EqualTo(200));
            Assert.That(deprecated.Headers["deprecation"]?.GetValue<string>(), Is.EqualTo("true"));
        });

        var deleted = await Run("deleteClosingReason", "-p", "reasonId=x739cew");
        var deletedAgain = await Run("deleteClosingReason", "x739cew");
        Assert.Multiple(() =>
        {
            Assert.That(deleted.StatusCode, Is.EqualTo(204));
            Assert.That(deletedAgain.StatusCode, Is.EqualTo(404));
            Assert.That(deletedAgain.ExitCode, Is.EqualTo(1));
            Assert.That(deletedAgain.Json["message"]!.GetValue<string>(), Is.EqualTo("Closing reason with id 'x739cew' not found"));
        });
    }

    [Test]
    public async Task SampleCalls_CreateFromStandardInput_AndListWithFilter()
    {
        var created = await RunWithInput("""{"title":"better offer","description":"A customer closes the process"}""", "createClosingReason");
        var id = created.Json["id"]!.GetValue<string>();

        var listed = await Run("getAllClosingReasons");
        var ids = await Run("createClosingReason", "-d", """{"title":"second"}""", "--jsonata", "id");

        Assert.Multiple(() =>
        {
            Assert.That(created.StatusCode, Is.EqualTo(201), created.StandardError);
            Assert.That(created.Json["description"]!.GetValue<string>(), Is.EqualTo("A customer closes the process"));
            Assert.That(listed.Json["reasons"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()), Is.EqualTo(new[] { id }));
            Assert.That(ids.Body, Does.Match("^[A-Za-z0-9_-]{21}$"));
        });
    }

    [Test]
    public async Task SampleCall_ChangeReasonStatus_OfAnUnknownId_Answers404()
    {
        var result = await Run("changeReasonStatus", "-p", "reasonId=123e4567-e89b-12d3-a456-426614174000", "-d", """{"status":"ACTIVE"}""");

        Assert.Multiple(() =>
        {
            Assert.That(result.StatusCode, Is.EqualTo(404));
            Assert.That(result.ExitCode, Is.EqualTo(1));
            Assert.That(result.Json["message"]!.GetValue<string>(),
                Is.EqualTo("Closing reason with id '123e4567-e89b-12d3-a456-426614174000' not found"));
        });
    }

    [Test]
    public async Task InvalidBody_Answers400WithTheContractMessage()
    {
        var result = await Run("createClosingReason", "-d", """{"status":"ACTIVE"}""");

        Assert.Multiple(() =>
        {
            Assert.That(result.StatusCode, Is.EqualTo(400));
            Assert.That(result.Json["message"]!.GetValue<string>(), Is.EqualTo("Invalid request body: title is required"));
        });
    }

    [Test]
    public async Task WrongToken_Answers401()
    {
        var result = await RunAs("not-a-token", null, "getAllClosingReasons");

        Assert.Multiple(() =>
        {
            Assert.That(result.StatusCode, Is.EqualTo(401));
            Assert.That(result.Json["message"]!.GetValue<string>(), Is.EqualTo("Unauthorized"));
        });
    }
}
