using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Workflows.History;

namespace WorkflowDefinitions.Application.UnitTests.Workflows.History;

public class CanonicalJsonTests
{
    private static string Hash(string json, params string[] ignored) => CanonicalJson.Hash(JsonAnswer.Of(JsonNode.Parse(json)!.AsObject()), ignored);

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

    /// <summary>
    /// Stored revisions keep their hashes: a later version that wrote the canonical form differently would record a
    /// revision for content that did not change. These are the hashes the first version computed.
    /// </summary>
    [TestCase("""{"b": 1, "a": [1.50, -0, 2e10, {"z": "x", "y": null}], "c": true}""", "152a71b0d3a3f5730a468fcee09eef737bb1df296a7c06093ef90eaab2a3920c", TestName = "Numbers as written, nested objects")]
    [TestCase("""{"\uE000": 1, "\uD83D\uDE00": 2, "é": "\u00e9\n\"\\<>&'", "": {}}""", "89c9042784098101af9a58dfdc11f71a2ba7778fba87a67d6acd46dbc6efd36d", TestName = "Names ordered by UTF-16 code unit, escapes")]
    [TestCase("""{"id": "x", "a": {"id": "y"}, "list": [[], [{}], "\u0000"]}""", "1269b21deb1d40c9b609c8cad8b3b909696031819925529585c0f32c9ad9d157", TestName = "Ignored at the top level only, empty containers")]
    public void Hash_OfKnownContent_IsTheOneStoredRevisionsHold(string json, string expected) =>
        Assert.That(Hash(json, "id"), Is.EqualTo(expected));

    /// <summary>Arrays with no object inside are copied as written: their hashes are the ones the first version computed.</summary>
    [TestCase("""{"list": ["\u00e9\n\"\\<>&'\u2028", 1.50, -0, 2E+10, [true, [null, []]], "{"]}""", "7b154717b14c731db2df0dcc3e1011d487d4317fe49d266daae1c4d3ff714f19", TestName = "Arrays of scalars and arrays, escapes, a brace inside a string")]
    [TestCase("""{"deep": [[[[1, "x"]]], [[{"b": 1, "a": [2]}]]], "s": "\u0041"}""", "cbe6426c4431dcadd58e0c96f33a33710cc5b3d43790645cba74bf789c14ad67", TestName = "An object nested in arrays beside arrays without one")]
    public void Hash_OfArraysCopiedAsWritten_IsTheOneStoredRevisionsHold(string json, string expected) =>
        Assert.That(Hash(json), Is.EqualTo(expected));

    [Test]
    public void AnObjectAtTheBottomOfArraysNestedDeeperThanTheScanReaches_IsStillSorted()
    {
        static string Nested(string inner) =>
            CanonicalJson.Hash(JsonAnswer.Of(JsonNode.Parse("{\"a\": " + new string('[', 900) + inner + new string(']', 900) + "}", documentOptions: new() { MaxDepth = 1000 })!.AsObject()), []);

        Assert.That(Nested("""{"b": 1, "a": 2}"""), Is.EqualTo(Nested("""{"a": 2, "b": 1}""")));
    }

    [Test]
    public void Hash_OfNodesBuiltInCode_AndOfAParsedObjectChangedInPlace_IsTheOneStoredRevisionsHold()
    {
        var built = new JsonObject { ["max"] = 5, ["ratio"] = 0.1, ["s"] = "ü\u2028", ["list"] = new JsonArray(1, "x", null, true) };
        var changed = JsonNode.Parse("""{"id": "old", "b": {"c": [1, 2]}, "a": "x"}""")!.AsObject();
        changed.Remove("id");
        changed.Insert(0, "id", "new");
        changed["a"] = 7L;

        Assert.Multiple(() =>
        {
            Assert.That(CanonicalJson.Hash(JsonAnswer.Of(built), []), Is.EqualTo("b76bb475c570af5236f25236875dcb716260d1dc17103e7ac93134ed52b2deda"));
            Assert.That(CanonicalJson.Hash(JsonAnswer.Of(changed), ["id"]), Is.EqualTo("2802d809ef83e2bce5383f5011cf549bfb388733c859980c948c25ea909e3a95"));
        });
    }

    /// <summary>
    /// An answer copied from stored text carries the stores' escaping (unsafe-relaxed: non-ASCII and HTML-sensitive
    /// characters as they are, quotes as <c>\"</c>); it hashes as the same content written from nodes.
    /// </summary>
    [TestCase("""{"b": ["é\n\"\\<>&'+`\u2028😀", 1.50, [true, null]], "a": "x + y < z", "c": {"é": ["<"]}, "d": [1, "plain"]}""")]
    [TestCase("""{"list": ["\u00e9\n\"\\<>&'\u2028", 1.50, -0, 2E+10, [true, [null, []]], "{"]}""")]
    public void Hash_OfStoredTextCopiedAsItIs_IsTheHashOfItsNodes(string json)
    {
        var nodes = JsonNode.Parse(json)!.AsObject();
        using var stored = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stored, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            nodes.WriteTo(writer);
        }

        Assert.That(CanonicalJson.Hash(new TextAnswer(stored.ToArray()), []), Is.EqualTo(CanonicalJson.Hash(JsonAnswer.Of(nodes), [])));
    }

    [Test]
    public void Hash_IsLowercaseHexSha256() => Assert.That(Hash("{}"), Does.Match("^[0-9a-f]{64}$"));
}
