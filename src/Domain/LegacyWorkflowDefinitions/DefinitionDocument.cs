using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowDefinitions.Domain.Common;

namespace WorkflowDefinitions.Domain.LegacyWorkflowDefinitions;

/// <summary>
/// The client-owned part of a V1 workflow definition: the document as sent, normalized (contract §8.2: server fields,
/// organization fields (D06) and <c>null</c>s on optional properties dropped, <c>enabled</c> materialized, missing
/// section and step ids generated) and proven valid against W1-W10. Immutable: reads hand out copies.
/// </summary>
public sealed class DefinitionDocument
{
    public const int ItemIdLength = 7;

    private readonly JsonObject _document;

    /// <summary>What a restored document was read from (it never changes): its properties are written from it directly.</summary>
    private readonly JsonElement? _stored;

    private DefinitionDocument(JsonObject document, JsonElement? stored = null)
    {
        _document = document;
        _stored = stored;
    }

    public string Name => _document["name"]?.GetValue<string>() ?? string.Empty;

    /// <summary>
    /// Checks a submitted definition, first against the hard caps on its size; ids of sections and steps without one are
    /// drawn from <paramref name="newItemId"/>.
    /// </summary>
    /// <exception cref="InvalidDocumentException">Lists every violation found (at most 50).</exception>
    public static DefinitionDocument Parse(JsonElement submitted, Func<string> newItemId, HardLimits caps)
    {
        if (submitted.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDocumentException([Violation.Of(JsonPath.Root, $"the definition must be a JSON object")]);
        }

        var violations = new ViolationCollector();
        CheckSize(new ObjectReader(submitted, JsonPath.Root, new DocumentReading(violations)), caps);
        violations.ThrowIfAny();

        var document = submitted.Clone();
        var reading = DefinitionDocumentParser.Parse(document, violations);
        DefinitionRules.Check(reading.Draft, violations);
        violations.ThrowIfAny();
        return new DefinitionDocument(Normalize(document, reading, newItemId));
    }

    /// <inheritdoc cref="Parse(JsonElement, Func{string}, HardLimits)"/>
    public static DefinitionDocument Parse(JsonObject submitted, Func<string> newItemId, HardLimits caps) =>
        Parse(JsonSerializer.SerializeToElement(submitted), newItemId, caps);

    /// <summary>Takes a stored definition as it is: it was normalized when stored, and reads never fail (§3.1).</summary>
    public static DefinitionDocument Restore(JsonElement stored)
    {
        var kept = stored.Clone();
        return new(JsonObject.Create(kept)!, kept);
    }

    /// <summary>
    /// The <c>closingReasons</c> of the definition (setWorkflowClosingReasons, §7.5): each needs an id, ids are unique,
    /// items are kept as sent; the catalog is not consulted (D31).
    /// </summary>
    /// <exception cref="InvalidDocumentException">The body has no <c>reasons</c> array or an item breaks W8.</exception>
    public DefinitionDocument WithClosingReasons(JsonElement body, HardLimits caps)
    {
        var violations = new ViolationCollector();
        var request = new ObjectReader(body, JsonPath.Root, new DocumentReading(violations));
        request.LimitItems("reasons", caps.MaxClosingReasonsPerWorkflow);
        violations.ThrowIfAny();
        var reasons = request.RequiredArray("reasons");
        DefinitionRules.CheckClosingReasons(DefinitionDocumentParser.ReadClosingReasons(reasons), violations);
        violations.ThrowIfAny();

        var document = ToJsonObject();
        document["closingReasons"] = JsonArray.Create(reasons!.Value.Value.Clone());
        return new DefinitionDocument(document);
    }

    /// <summary>The definition's closing reasons as stored, <c>[]</c> when it has none.</summary>
    public JsonArray ClosingReasons => _document["closingReasons"]?.DeepClone() as JsonArray ?? [];

    /// <summary>A copy of the document (the client's properties, without server-managed ones).</summary>
    public JsonObject ToJsonObject() => (JsonObject)_document.DeepClone();

    /// <summary>Writes the document as JSON without copying it first.</summary>
    public void WriteTo(Utf8JsonWriter writer) => _document.WriteTo(writer);

    /// <summary>The length of the stored text a restored document was read from (0 for a document not read from the store).</summary>
    public int StoredTextBytes => _stored is { } stored ? JsonMarshal.GetRawUtf8Value(stored).Length : 0;

    /// <summary>
    /// Writes the document's properties, in order, into the object <paramref name="writer"/> is writing, without copying
    /// the document or building its nodes: a restored document's from the stored text as it was read. A property for
    /// which <paramref name="writtenInstead"/> answers true is left to it (it has written it otherwise, or skipped it).
    /// </summary>
    public void WriteMembersTo(Utf8JsonWriter writer, Func<string, bool> writtenInstead)
    {
        if (_stored is { } stored)
        {
            foreach (var property in stored.EnumerateObject())
            {
                if (!writtenInstead(property.Name))
                {
                    property.WriteTo(writer);
                }
            }

            return;
        }

        foreach (var (name, value) in _document)
        {
            if (!writtenInstead(name))
            {
                writer.WritePropertyName(name);
                if (value is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    value.WriteTo(writer);
                }
            }
        }
    }

    /// <summary>The hard caps: sections and steps together, and the closing reasons.</summary>
    private static void CheckSize(ObjectReader definition, HardLimits caps)
    {
        definition.LimitItems("closingReasons", caps.MaxClosingReasonsPerWorkflow);
        if (!definition.Value.TryGetProperty("flow", out var flow) || flow.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        var items = flow.GetArrayLength();
        foreach (var item in flow.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("steps", out var steps) && steps.ValueKind == JsonValueKind.Array)
            {
                items += steps.GetArrayLength();
            }
        }

        if (items > caps.MaxDefinitionItems)
        {
            definition.Report("flow", $"must not hold more than {caps.MaxDefinitionItems} sections and steps (it holds {items})");
        }
    }

    private static JsonObject Normalize(JsonElement element, DefinitionDocumentReading reading, Func<string> newItemId)
    {
        var document = JsonObject.Create(element)!;
        foreach (var property in DefinitionDocumentParser.DroppedProperties)
        {
            document.Remove(property);
        }

        foreach (var path in reading.DroppedNulls)
        {
            path.RemoveFrom(document);
        }

        if (document["enabled"] is null)
        {
            document["enabled"] = true;
        }

        var used = reading.Draft.Items.Select(i => i.Id).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var path in reading.MissingIds)
        {
            string id;
            do
            {
                id = newItemId();
            }
            while (!used.Add(id));

            if (path.Find(document) is JsonObject item)
            {
                item["id"] = id;
            }
        }

        return document;
    }
}
