using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.FlowTemplates;
using WorkflowDefinitions.Application.Workflows.History;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.FlowTemplates;
using WorkflowDefinitions.Domain.Organizations;
using WorkflowDefinitions.TestSupport;

namespace WorkflowDefinitions.Application.UnitTests.FlowTemplates;

/// <summary>The answer written without a node tree is the rendered node tree's JSON, byte for byte.</summary>
public sealed class FlowTemplateJsonTests
{
    private static readonly JsonWriterOptions AnswerOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, MaxDepth = 128 };

    /// <summary>As the response's writer is set up: it skips validation, so a stored document's members are copied at once.</summary>
    private static readonly JsonWriterOptions ResponseOptions = AnswerOptions with { SkipValidation = true };

    private static readonly string[] Documents =
    [
        """{"name": "Plain", "tasks": [], "edges": []}""",
        """{"name": "Ünïcödé 😀 \u0000 \"quoted\" </script>", "description": "a\tb\u2028c", "tasks": [], "edges": [], "enabled": false}""",
        """{"name": "Numbers", "x": {"$where": [1, 1.0, 1e3, -0, 12345678901234567890123, null], "a.b": {}, "": [[], {}]}, "tasks": [], "edges": []}""",
        """{"\u00e9t\u00e9": "escaped name", "name": "Escaped names", "tasks": [], "edges": [], "\u0000": 1}""",
        FlowGenerator.Create(25, "Generated").ToJsonString(),
    ];

    [TestCaseSource(nameof(Documents))]
    public void Answer_OfAStoredFlow_IsTheRenderedJson(string submitted)
    {
        var parsed = FlowDocument.Parse(JsonDocument.Parse(submitted).RootElement, HardLimits.Default).WithoutTransientFields();
        var stored = FlowDocument.Restore(Write(parsed.WriteTo));
        var warnings = parsed.EvaluateLimits(new FlowLimits { MaxTasks = 1 });

        Assert.Multiple(() =>
        {
            foreach (var document in new[] { parsed, stored })
            {
                var flow = Flow(document);
                foreach (var options in new[] { AnswerOptions, ResponseOptions })
                {
                    Assert.That(Text(FlowTemplateJson.Answer(flow).WriteTo, options), Is.EqualTo(Text(w => FlowTemplateJson.Render(flow).WriteTo(w))));
                    Assert.That(Text(FlowTemplateJson.Answer(flow, warnings).WriteTo, options), Is.EqualTo(Text(w => FlowTemplateJson.Render(flow, warnings).WriteTo(w))));
                }
            }
        });
    }

    [TestCaseSource(nameof(Documents))]
    [TestCase("""{"name": "Holds the name", "tasks": [], "edges": [], "_resolved_automations": {"old": 1}, "after": true}""")]
    public void Export_OfAStoredFlow_IsTheRenderedJsonWithTheAutomationsLast(string submitted)
    {
        var parsed = FlowDocument.Parse(JsonDocument.Parse(submitted).RootElement, HardLimits.Default).WithoutTransientFields();
        var flow = Flow(FlowDocument.Restore(Write(parsed.WriteTo)));
        var resolved = new JsonObject { ["automation-1"] = new JsonObject { ["id"] = "automation-1" }, ["automation-2"] = null };
        var rendered = FlowTemplateJson.Render(flow);
        rendered[FlowTemplateBundle.ResolvedAutomationsProperty] = resolved.DeepClone();

        Assert.That(Text(FlowTemplateJson.Export(flow, resolved).WriteTo, ResponseOptions), Is.EqualTo(Text(w => rendered.WriteTo(w))));
    }

    [TestCaseSource(nameof(Documents))]
    public async Task Answer_WrittenIntoAResponse_IsTheSameJson(string submitted)
    {
        var parsed = FlowDocument.Parse(JsonDocument.Parse(submitted).RootElement, HardLimits.Default).WithoutTransientFields();
        var flow = Flow(FlowDocument.Restore(Write(parsed.WriteTo)));
        var warnings = parsed.EvaluateLimits(new FlowLimits { MaxTasks = 1 });
        using var stream = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(stream, ResponseOptions))
        {
            await FlowTemplateJson.Answer(flow, warnings).WriteToAsync(new RawValuesAsWritten(writer));
        }

        Assert.That(Encoding.UTF8.GetString(stream.ToArray()), Is.EqualTo(Text(FlowTemplateJson.Answer(flow, warnings).WriteTo, ResponseOptions)));
    }

    [TestCaseSource(nameof(Documents))]
    public void ARecordedRepresentation_AnsweredAsStored_IsItsNodeTreesJson(string submitted)
    {
        var parsed = FlowDocument.Parse(JsonDocument.Parse(submitted).RootElement, HardLimits.Default).WithoutTransientFields();
        var flow = Flow(FlowDocument.Restore(Write(parsed.WriteTo)));
        var recorded = Write(FlowTemplateJson.Answer(flow, parsed.EvaluateLimits(new FlowLimits { MaxTasks = 1 })).WriteTo, ResponseOptions);
        var revision = new WorkflowRevision(new RevisionSummary(1, flow.UpdatedAt, RevisionSource.Create, "\"1\""), recorded);

        Assert.That(Text(new TextAnswer(revision.RepresentationText).WriteTo, ResponseOptions), Is.EqualTo(Text(w => JsonNode.Parse(revision.RepresentationText.Span)!.WriteTo(w), ResponseOptions)));
    }

    [Test]
    public void AStoredDocument_IsWrittenAsStored_AndReadOnlyWhenItsContentIsNeeded()
    {
        var text = Write(FlowDocument.Parse(JsonDocument.Parse(FlowGenerator.Create(5, "Kept").ToJsonString()).RootElement, HardLimits.Default)
            .WithoutTransientFields().WriteTo);

        var stored = FlowDocument.Restore(text);

        Assert.Multiple(() =>
        {
            Assert.That(Write(stored.WriteTo), Is.EqualTo(text));
            Assert.That(stored.Name, Is.EqualTo("Kept"));
            Assert.That(stored.Graph.Tasks, Has.Count.EqualTo(5));
        });
    }

    /// <summary>A response that writes raw values as the writer does, so that only the answer's composition is compared.</summary>
    private sealed class RawValuesAsWritten(Utf8JsonWriter writer) : IJsonResponse
    {
        public Utf8JsonWriter Writer => writer;

        public CancellationToken RequestAborted => CancellationToken.None;

        public ValueTask WriteRawValueAsync(ReadOnlyMemory<byte> utf8Json)
        {
            writer.WriteRawValue(utf8Json.Span, skipInputValidation: true);
            return ValueTask.CompletedTask;
        }
    }

    private static FlowTemplate Flow(FlowDocument document) => FlowTemplate.Restore(
        new OrganizationId("org-1"), new FlowTemplateId("flow-1"), document,
        new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero), new DateTimeOffset(2026, 2, 3, 4, 5, 6, 789, TimeSpan.Zero), 3);

    private static byte[] Write(Action<Utf8JsonWriter> write) => Write(write, AnswerOptions);

    private static byte[] Write(Action<Utf8JsonWriter> write, JsonWriterOptions options)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, options))
        {
            write(writer);
        }

        return stream.ToArray();
    }

    private static string Text(Action<Utf8JsonWriter> write, JsonWriterOptions? options = null) =>
        Encoding.UTF8.GetString(Write(write, options ?? AnswerOptions));
}
