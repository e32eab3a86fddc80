using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using WorkflowDefinitions.Application.LegacyWorkflowDefinitions;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.LegacyWorkflowDefinitions;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.UnitTests.LegacyWorkflowDefinitions;

/// <summary>The answer written without a node tree is the rendered node tree's JSON, byte for byte.</summary>
public sealed class WorkflowDefinitionJsonTests
{
    private static readonly JsonWriterOptions ResponseOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        MaxDepth = 128,
        SkipValidation = true,
    };

    private static readonly string[] Documents =
    [
        """{"name": "Plain", "flow": [{"id": "s1", "name": "Section", "order": 1, "type": "SECTION", "steps": [{"id": "st1", "name": "Step", "order": 1, "type": "STEP"}]}]}""",
        """{"name": "Ünïcödé 😀 \u0000 \"quoted\" </script>", "description": "a\tb\u2028c", "flow": [{"name": "Unnamed", "order": 1, "type": "STEP"}], "enabled": false}""",
        """{"\u00e9t\u00e9": "escaped name", "name": "Numbers", "x": {"$where": [1, 1.0, 1e3, -0, 12345678901234567890123, null], "a.b": {}, "": [[], {}]}, "flow": [], "\u0000": 1}""",
        """{"id": "dropped", "creationTime": "dropped", "name": "Server fields sent", "lastUpdateTime": "dropped", "flow": [], "orgId": "dropped"}""",
    ];

    [TestCaseSource(nameof(Documents))]
    public void Answer_OfADefinition_IsTheRenderedJson(string submitted)
    {
        var itemIds = 0;
        var parsed = DefinitionDocument.Parse(JsonDocument.Parse(submitted).RootElement, () => $"item{++itemIds}", HardLimits.Default);
        var stored = DefinitionDocument.Restore(JsonDocument.Parse(Write(parsed.WriteTo)).RootElement);

        Assert.Multiple(() =>
        {
            foreach (var document in new[] { parsed, stored })
            {
                var definition = Definition(document);
                Assert.That(Text(WorkflowDefinitionJson.Answer(definition).WriteTo), Is.EqualTo(Text(w => WorkflowDefinitionJson.Render(definition).WriteTo(w))));
            }
        });
    }

    [Test]
    public void Answer_OfAStoredDocumentHoldingServerFields_PlacesThemAsRenderDoes()
    {
        var stored = DefinitionDocument.Restore(JsonDocument.Parse(
            """{"lastUpdateTime": "old", "name": "Odd", "id": "old", "flow": [], "creationTime": "old", "after": true}""").RootElement);
        var definition = Definition(stored);

        var answer = Text(WorkflowDefinitionJson.Answer(definition).WriteTo);

        Assert.That(answer, Is.EqualTo(Text(w => WorkflowDefinitionJson.Render(definition).WriteTo(w))));
        Assert.That(answer, Does.StartWith("""{"id":"def-1","lastUpdateTime":"2026-02-03T04:05:06.789Z","name":"Odd","flow":[],"creationTime":"""));
    }

    private static WorkflowDefinition Definition(DefinitionDocument document) => WorkflowDefinition.Restore(
        new OrganizationId("org-1"), new WorkflowDefinitionId("def-1"), document,
        new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero), new DateTimeOffset(2026, 2, 3, 4, 5, 6, 789, TimeSpan.Zero), 3);

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, ResponseOptions))
        {
            write(writer);
        }

        return stream.ToArray();
    }

    private static string Text(Action<Utf8JsonWriter> write) => Encoding.UTF8.GetString(Write(write));
}
