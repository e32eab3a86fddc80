using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowDefinitions.Domain.Common;

namespace WorkflowDefinitions.Domain.UnitTests.Common;

public class ExtraPropertiesTests
{
    private static readonly IReadOnlySet<string> Reserved = new HashSet<string> { "id", "title" };

    [Test]
    public void From_WithReservedAndUnknownNames_KeepsOnlyUnknownOnes()
    {
        var source = Parse("""{"id": "x", "title": "t", "description": "d", "nested": {"id": 1}}""");

        var extras = ExtraProperties.From(source, Reserved);

        Assert.That(Json(extras), Is.EqualTo("""{"description":"d","nested":{"id":1}}"""));
    }

    [Test]
    public void From_AnElement_KeepsItsPropertiesButTheExcluded_AfterItsDocumentIsGone()
    {
        ExtraProperties extras;
        using (var document = JsonDocument.Parse("""{"id": "x", "n": 1.50, "o": {"a": [null, "b"]}, "title": "t"}"""))
        {
            extras = ExtraProperties.From(document.RootElement, Reserved);
        }

        Assert.That(Json(extras), Is.EqualTo("""{"n":1.50,"o":{"a":[null,"b"]}}"""));
    }

    [Test]
    public void From_KeepsNumbersArraysAndNullsExactly()
    {
        var source = Parse("""{"n": [1, 1.0, 1E+2, 12345678901234567890123, -0.5e-3], "z": null}""");

        var extras = ExtraProperties.From(source, Reserved);

        Assert.That(Json(extras), Is.EqualTo("""{"n":[1,1.0,1E+2,12345678901234567890123,-0.5e-3],"z":null}"""));
    }

    [Test]
    public void ToDictionary_ReturnsACopy_SoCallersCannotChangeTheValue()
    {
        var extras = ExtraProperties.From(Parse("""{"a": {"b": 1}}"""), Reserved);

        ((JsonNode)extras.ToDictionary()["a"]!)["b"] = 2;

        Assert.That(Json(extras), Is.EqualTo("""{"a":{"b":1}}"""));
    }

    [Test]
    public void From_CopiesTheSource_SoLaterChangesToTheRequestDoNotLeakIn()
    {
        var source = Parse("""{"a": {"b": 1}}""");
        var extras = ExtraProperties.From(source, Reserved);

        source["a"]!["b"] = 2;

        Assert.That(Json(extras), Is.EqualTo("""{"a":{"b":1}}"""));
    }

    [Test]
    public void Merge_FollowsJsonMergePatch_NullRemovesObjectsMergeOthersReplace()
    {
        var extras = ExtraProperties.From(Parse("""{"keep": 1, "drop": 2, "obj": {"x": 1, "y": 2}, "list": [1, 2]}"""), Reserved);

        var merged = extras.Merge(Parse("""{"drop": null, "obj": {"y": null, "z": 3}, "list": [3], "new": "n"}"""), Reserved);

        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(Json(merged)),
            Parse("""{"keep": 1, "obj": {"x": 1, "z": 3}, "list": [3], "new": "n"}""")), Is.True);
    }

    [Test]
    public void Merge_ObjectOntoScalar_ReplacesItWithThePatchWithoutItsNulls()
    {
        var extras = ExtraProperties.From(Parse("""{"a": 5}"""), Reserved);

        var merged = extras.Merge(Parse("""{"a": {"b": 1, "c": null}}"""), Reserved);

        Assert.That(Json(merged), Is.EqualTo("""{"a":{"b":1}}"""));
    }

    [Test]
    public void Merge_IgnoresReservedNames_AndLeavesTheOriginalUnchanged()
    {
        var extras = ExtraProperties.From(Parse("""{"a": 1}"""), Reserved);

        var merged = extras.Merge(Parse("""{"title": "t", "a": 2}"""), Reserved);

        Assert.Multiple(() =>
        {
            Assert.That(Json(merged), Is.EqualTo("""{"a":2}"""));
            Assert.That(Json(extras), Is.EqualTo("""{"a":1}"""));
        });
    }

    [Test]
    public void Equals_ComparesDeeply_IgnoringKeyOrder()
    {
        var left = ExtraProperties.From(Parse("""{"a": {"b": [1, 2]}, "c": "d"}"""), Reserved);
        var right = ExtraProperties.From(Parse("""{"c": "d", "a": {"b": [1, 2]}}"""), Reserved);
        var different = ExtraProperties.From(Parse("""{"c": "d", "a": {"b": [2, 1]}}"""), Reserved);

        Assert.Multiple(() =>
        {
            Assert.That(left, Is.EqualTo(right));
            Assert.That(left, Is.Not.EqualTo(different));
        });
    }

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    private static string Json(ExtraProperties extras)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            extras.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
