using System.Text.Json.Nodes;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.FlowTemplates;
using WorkflowDefinitions.TestSupport;

namespace WorkflowDefinitions.Domain.UnitTests.FlowTemplates;

/// <summary>Builds flow documents for the tests: a small valid flow, changed with JSON patches.</summary>
public static class FlowJson
{
    /// <summary>A valid flow: t1 -> t2, one phase, a manual trigger.</summary>
    public const string Minimal = FlowSamples.Minimal;

    /// <summary>The contract's minimal valid decision-with-loop graph (§3.3).</summary>
    public const string ReviewLoop = FlowSamples.ReviewLoop;

    /// <summary>The createFlowTemplate request example of the newer specification, which must be accepted.</summary>
    public const string CustomerOnboarding = FlowSamples.CustomerOnboarding;

    public static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    /// <summary>Merges <paramref name="patch"/> into a base document: objects merge, anything else (arrays, null) replaces.</summary>
    public static JsonObject With(string baseJson, string patch)
    {
        var document = Parse(baseJson);
        Merge(document, Parse(patch));
        return document;
    }

    /// <summary>The violations of a document; empty when it is valid.</summary>
    public static IReadOnlyList<Violation> Violations(JsonObject document)
    {
        try
        {
            FlowDocument.Parse(document, HardLimits.Default);
            return [];
        }
        catch (InvalidDocumentException exception)
        {
            return exception.Violations;
        }
    }

    /// <summary>Asserts the document breaks exactly one rule, at <paramref name="path"/>, for a reason containing <paramref name="reason"/>.</summary>
    public static void AssertSingleViolation(JsonObject document, string path, string reason)
    {
        var violations = Violations(document);
        Assert.That(violations, Has.Count.EqualTo(1), string.Join("\n", violations));
        Assert.Multiple(() =>
        {
            Assert.That(violations[0].Path, Is.EqualTo(path), violations[0].ToString());
            Assert.That(violations[0].Reason, Does.Contain(reason), violations[0].ToString());
        });
    }

    public static void AssertValid(JsonObject document) =>
        Assert.That(Violations(document).Select(v => v.ToString()), Is.Empty);

    private static void Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (name, value) in patch.ToList())
        {
            if (value is JsonObject patchObject && target[name] is JsonObject targetObject)
            {
                Merge(targetObject, patchObject);
            }
            else
            {
                target[name] = value?.DeepClone();
            }
        }
    }
}
