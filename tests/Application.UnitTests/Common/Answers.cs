using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowDefinitions.Application.Common;

namespace WorkflowDefinitions.Application.UnitTests.Common;

/// <summary>Answers as the response writes them, read back as JSON objects to look into.</summary>
public static class Answers
{
    public static JsonObject Read(JsonAnswer answer)
    {
        using var text = new MemoryStream();
        using (var writer = new Utf8JsonWriter(text, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            answer.WriteTo(writer);
        }

        return JsonNode.Parse(text.ToArray())!.AsObject();
    }
}
