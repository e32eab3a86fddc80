using System.Runtime.InteropServices;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.FlowTemplates;
using WorkflowDefinitions.Domain.Organizations;
using WorkflowDefinitions.Infrastructure.Persistence;

namespace WorkflowDefinitions.Infrastructure.IntegrationTests.Persistence;

/// <summary>A stored document keeps the memory it is given when that is a whole array: a 6 MiB flow is not copied to be stored.</summary>
public class JsonTextTests
{
    [Test]
    public void Of_AWholeArray_KeepsThatArray()
    {
        var utf8 = """{"a":1}"""u8.ToArray();

        Assert.That(JsonText.Of(utf8).Utf8, Is.SameAs(utf8));
    }

    [Test]
    public void Of_PartOfAnArray_CopiesThatPart()
    {
        var utf8 = """[{"a":1}]"""u8.ToArray();

        var text = JsonText.Of(utf8.AsMemory(1, 7));

        Assert.Multiple(() =>
        {
            Assert.That(text.Utf8, Is.Not.SameAs(utf8));
            Assert.That(text.ToString(), Is.EqualTo("""{"a":1}"""));
        });
    }

    [Test]
    public void ToDocument_KeepsTheFlowsNormalizedText_WithoutACopy()
    {
        using var submitted = System.Text.Json.JsonDocument.Parse("""{"name": "Stored as it is", "tasks": [], "edges": []}""");
        var document = FlowDocument.Parse(submitted.RootElement, HardLimits.Default);
        var flow = FlowTemplate.Create(new OrganizationId("org"), new FlowTemplateId("7hj28akg"), document, DateTimeOffset.UnixEpoch);

        var stored = flow.ToDocument().Document.Utf8;

        Assert.Multiple(() =>
        {
            Assert.That(MemoryMarshal.TryGetArray(document.Text, out var text), Is.True);
            Assert.That(stored, Is.SameAs(text.Array));
        });
    }
}
