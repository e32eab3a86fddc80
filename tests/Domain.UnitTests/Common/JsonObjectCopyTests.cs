using System.Text;
using System.Text.Json;
using WorkflowDefinitions.Domain.Common;

namespace WorkflowDefinitions.Domain.UnitTests.Common;

public class JsonObjectCopyTests
{
    private static string Copy(string json, string[] removed, (string Name, string Value)? replaced = null) =>
        Encoding.UTF8.GetString(JsonObjectCopy.Text(Encoding.UTF8.GetBytes(json), removed, replaced).Span);

    [Test]
    public void TheCopy_KeepsEveryOtherPropertyInOrder_ItsValueAsWritten()
    {
        Assert.That(
            Copy("""{"id":"x","a":[1.0,{"z":1,"y":"\u00e9"}],"b":null,"org_id":"o"}""", ["id", "org_id"]),
            Is.EqualTo("""{"a":[1.0,{"z":1,"y":"\u00e9"}],"b":null}"""));
    }

    [Test]
    public void AReplacedProperty_IsWrittenWhereItStands_OrLast()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Copy("""{"a":1,"name":"Old","b":2}""", [], ("name", "New <1>")), Is.EqualTo("""{"a":1,"name":"New <1>","b":2}"""));
            Assert.That(Copy("""{"a":1}""", [], ("name", "New")), Is.EqualTo("""{"a":1,"name":"New"}"""));
        });
    }

    [Test]
    public void PropertiesWithEscapedNames_AreMatchedByTheirNames()
    {
        Assert.That(Copy("""{"\u005fmanifest":{"x":1},"k":true}""", ["_manifest"]), Is.EqualTo("""{"k":true}"""));
    }

    [Test]
    public void TheCopy_IsTextOfItsOwn_ThatOutlivesTheText()
    {
        var text = Encoding.UTF8.GetBytes("""{"a":"kept"}""");
        var copy = JsonObjectCopy.Text(text, []);
        Array.Clear(text);

        using var parsed = JsonDocument.Parse(copy);
        Assert.That(parsed.RootElement.GetProperty("a").GetString(), Is.EqualTo("kept"));
    }
}
