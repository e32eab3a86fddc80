using System.Text.Json.Nodes;
using WorkflowDefinitions.Application.Workflows.History;

namespace WorkflowDefinitions.Application.UnitTests.Workflows.History;

public class CanonicalJsonTests
{
    private static string Hash(string json, params string[] ignored) => CanonicalJson.Hash(JsonNode.Parse(json)!.AsObject(), ignored);

    [Test]
    public void PropertyOrder_AtAnyDepth_DoesNotChangeTheHash() =>
        Assert.That(
            Hash("""{"a": 1, "b": {"x": [1, {"p": true, "q": null}], "y": "s"}}"""),
            Is.EqualTo(Hash("""{"b": {"y": "s", "x": [1, {"q": null, "p": true}]}, "a": 1}""")));

    [TestCase("""{"a": [1, 2]}""", """{"a": [2, 1]}""", TestName = "Array order")]
    [TestCase("""{"a": "1"}""", """{"a": 1}""", TestName = "String versus number")]
    [TestCase("""{"a": null}""", """{}""", TestName = "Null versus missing")]
    [TestCase("""{"a": {"b": 1}}""", """{"a": {"b": 2}}""", TestName = "Nested value")]
    [TestCase("""{"ab": "c"}""", """{"a": "bc"}""", TestName = "Property boundary")]
    public void DifferentContent_HashesDifferently(string one, string other) =>
        Assert.That(Hash(one), Is.Not.EqualTo(Hash(other)));

    [Test]
    public void IgnoredProperties_AreLeftOut_OnlyAtTheTopLevel()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Hash("""{"a": 1, "updated_at": "x"}""", "updated_at"), Is.EqualTo(Hash("""{"a": 1, "updated_at": "y"}""", "updated_at")));
            Assert.That(
                Hash("""{"a": {"updated_at": "x"}}""", "updated_at"),
                Is.Not.EqualTo(Hash("""{"a": {"updated_at": "y"}}""", "updated_at")));
        });
    }

    [Test]
    public void Hash_IsLowercaseHexSha256() => Assert.That(Hash("{}"), Does.Match("^[0-9a-f]{64}$"));
}
