using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowDefinitions.Application.Workflows.History;

namespace WorkflowDefinitions.Application.UnitTests.Workflows.History;

public class CanonicalJsonTests
{
    /// <summary>The hash a revision of <paramref name="json"/> records (its text written as the API answers).</summary>
    private static string Hash(string json, params string[] ignored) => Recorded(JsonNode.Parse(json)!, ignored);

    private static string Recorded(JsonNode representation, params string[] ignored) => TestRevisions.Record(representation, ignored).ContentHash;

    private static byte[] Text(JsonNode node, JavaScriptEncoder encoder, int maxDepth = 64)
    {
        using var text = new MemoryStream();
        using (var writer = new Utf8JsonWriter(text, new JsonWriterOptions { Encoder = encoder, MaxDepth = maxDepth }))
        {
            node.WriteTo(writer);
        }

        return text.ToArray();
    }

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

    /// <summary>
    /// Names and strings of plain printable ASCII are compared and copied as their bytes; every other one is read as a
    /// string. Both give the hashes computed when every name and string was read as a string, in objects at any depth
    /// and of any size.
    /// </summary>
    [TestCase("""{"o": {"b\u0061": "<x>", "a": "plain", "c": "é", "\u0001": 1, "B": [{"y": "'", "x": "`"}, "+&"], "": "", "a\"": "\"q\""}}""", "11e91b3902b79cd34baed28b430e163ab067bf5a6cc8cbfb5814c431b01348e7", TestName = "Escaped, control, quoted and empty names beside plain ones")]
    [TestCase("""{"t": [{"id": "t1", "name": "Task 1", "é": {"z": "ß", "Z": "s"}, "\uE000": 1, "\uD83D\uDE00": 2}, {"b": "x y", "a": "{}"}]}""", "1e1e97e794762c793ed86121a647240708a6fec00d63d6d59aa7ea39fbc3ce9d", TestName = "Non-ASCII names in a nested object, a brace inside a string")]
    public void Hash_OfNamesAndStringsCopiedAsTheirBytes_IsTheOneStoredRevisionsHold(string json, string expected) =>
        Assert.That(Hash(json), Is.EqualTo(expected));

    [Test]
    public void Hash_OfAnObjectWithManyPropertiesOutOfOrder_IsTheOneStoredRevisionsHold()
    {
        var properties = Enumerable.Range(0, 40).Select(i => $"\"k{i * 17 % 40:D2}\": \"v{i} <{i}>\"");

        Assert.That(Hash("{\"o\": {" + string.Join(", ", properties) + "}}"), Is.EqualTo("e430fe71ccd6153fc416db69c4161b0505920fdce4282f7d6807665c6e391e45"));
    }

    [Test]
    public void AnObjectAtTheBottomOfArraysNestedDeeperThanTheScanReaches_IsStillSorted()
    {
        static string Nested(string inner) => CanonicalJson.Hash(
            Text(JsonNode.Parse("{\"a\": " + new string('[', 900) + inner + new string(']', 900) + "}", documentOptions: new() { MaxDepth = 1000 })!, JavaScriptEncoder.Default, maxDepth: 1000),
            []);

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
            Assert.That(Recorded(built), Is.EqualTo("b76bb475c570af5236f25236875dcb716260d1dc17103e7ac93134ed52b2deda"));
            Assert.That(Recorded(changed, "id"), Is.EqualTo("2802d809ef83e2bce5383f5011cf549bfb388733c859980c948c25ea909e3a95"));
        });
    }

    /// <summary>
    /// A revision's text is written as the API answers (unsafe-relaxed: non-ASCII and HTML-sensitive characters as they
    /// are, quotes as <c>\"</c>); it hashes as the same content with the default escaping, which the hashes above were
    /// first computed from.
    /// </summary>
    [TestCase("""{"b": ["é\n\"\\<>&'+`\u2028😀", 1.50, [true, null]], "a": "x + y < z", "c": {"é": ["<"]}, "d": [1, "plain"]}""")]
    [TestCase("""{"list": ["\u00e9\n\"\\<>&'\u2028", 1.50, -0, 2E+10, [true, [null, []]], "{"]}""")]
    public void Hash_OfTextEscapedAsTheApiAnswers_IsTheHashOfTheDefaultEscaping(string json)
    {
        var nodes = JsonNode.Parse(json)!;

        Assert.That(
            CanonicalJson.Hash(Text(nodes, JavaScriptEncoder.UnsafeRelaxedJsonEscaping), []),
            Is.EqualTo(CanonicalJson.Hash(Text(nodes, JavaScriptEncoder.Default), [])));
    }

    [Test]
    public void Hash_IsLowercaseHexSha256() => Assert.That(Hash("{}"), Does.Match("^[0-9a-f]{64}$"));
}
