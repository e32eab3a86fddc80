using System.Text;
using System.Text.Json.Nodes;
using WorkflowDefinitions.Application.Workflows.History;

namespace WorkflowDefinitions.Application.UnitTests.Workflows.History;

public class RevisionRecordTests
{
    private static RevisionRecord Of(string representation, params string[] serverManaged) =>
        TestRevisions.Record(JsonNode.Parse(representation)!, serverManaged);

    [Test]
    public void Representation_IsTheAnswersText_AsTheApiWritesIt() =>
        Assert.That(
            Encoding.UTF8.GetString(Of("""{"a": "é <b> \"q\"", "n": [1, 2.50]}""").Representation),
            Is.EqualTo("""{"a":"é <b> \"q\"","n":[1,2.50]}"""));

    [Test]
    public void ContentHash_IsTheHashOfTheRepresentationsText_WithoutTheServerManagedProperties()
    {
        var record = Of("""{"id": "x", "b": 1, "a": 2}""", "id");

        Assert.Multiple(() =>
        {
            Assert.That(record.ContentHash, Is.EqualTo(CanonicalJson.Hash(record.Representation, ["id"])));
            Assert.That(record.ContentHash, Is.EqualTo(Of("""{"a": 2, "b": 1, "id": "y"}""", "id").ContentHash));
        });
    }
}
