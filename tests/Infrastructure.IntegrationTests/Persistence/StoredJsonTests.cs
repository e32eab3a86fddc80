using System.Text.Json.Nodes;
using WorkflowDefinitions.Application.Workflows.History;
using WorkflowDefinitions.Infrastructure.Persistence;

namespace WorkflowDefinitions.Infrastructure.IntegrationTests.Persistence;

/// <summary>The text a revision carries to the store is the text the store would have written for it.</summary>
public sealed class StoredJsonTests
{
    [TestCase("""{"name": "Ünïcödé 😀 <b>&amp;</b> 'q' \"d\" \\ \u2028 \u0001", "n": [1.50, -0, 2e10], "o": {"": null, "t": true}}""")]
    [TestCase("""{}""")]
    public void ARevisionsText_IsTheStoredText(string json)
    {
        var representation = JsonNode.Parse(json)!.AsObject();
        representation["added"] = "in code: é";

        Assert.That(CanonicalJson.Write(representation), Is.EqualTo(StoredJson.Write(writer => representation.WriteTo(writer)).Utf8));
    }
}
