using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowDefinitions.Domain.Common;
using static WorkflowDefinitions.Domain.FlowTemplates.FlowVocabulary;

namespace WorkflowDefinitions.Domain.FlowTemplates;

/// <summary>
/// The client-owned part of a flow template: the document as sent, normalized (contract §8.2) and proven valid
/// against every structural rule. It can only be obtained by <see cref="Parse"/> (which refuses invalid documents,
/// listing every violation) or <see cref="Restore"/> (stored documents). Immutable: reads hand out copies. Every
/// document is kept as its normalized text, written out as it is and turned into nodes only when something changes it.
/// </summary>
public sealed class FlowDocument
{
    /// <summary>Room above the deepest document a request may hold (64 levels).</summary>
    private static readonly JsonDocumentOptions StoredOptions = new() { MaxDepth = StoredText.MaxDepth };

    /// <summary>
    /// How a submitted document's normalized text is written: as the stores keep documents and the API answers them
    /// (unsafe-relaxed escaping, compact), so that it is copied into both as it is; unlike <see cref="StoredText.Options"/>,
    /// it validates what it writes, token by token from a client's document.
    /// </summary>
    private static readonly JsonWriterOptions TextOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, MaxDepth = StoredText.MaxDepth };

    private readonly bool _hasTransientFields;
    private readonly ReadOnlyMemory<byte> _text;
    private FlowGraphDraft? _graph;

    /// <summary>
    /// Every document is kept as its normalized text: a stored one, a submitted one (its graph then already read), or
    /// one a change produced. A stored document's graph is read from the text when something first needs it, and a node
    /// tree is only built, from the text, when something changes the document: a document that is only written out
    /// (a listed, searched or fetched flow) holds its text and nothing else.
    /// </summary>
    private FlowDocument(ReadOnlyMemory<byte> text, FlowGraphDraft? graph, IReadOnlyList<AutomationRequest> automationRequests, bool hasTransientFields)
    {
        AutomationRequests = automationRequests;
        _hasTransientFields = hasTransientFields;
        _text = text;
        _graph = graph;
    }

    /// <summary>
    /// The typed view of the document. For stored documents it is only read when something needs it, once (a caller
    /// racing the first read may read it too; both get the same graph).
    /// </summary>
    public FlowGraphDraft Graph => _graph ?? ReadGraph();

    /// <summary>Transient fields still waiting to be processed (§3.6). Empty for stored documents.</summary>
    public IReadOnlyList<AutomationRequest> AutomationRequests { get; }

    public string Name => Graph.Name ?? string.Empty;

    public bool Enabled => Graph.Enabled;

    /// <summary>
    /// Checks a submitted document: first against the hard caps on its size (nothing else is read when it is beyond
    /// them), then against the schema and every graph rule. Nothing of <paramref name="submitted"/> is kept, so it is not
    /// copied: the normalized text, the graph and the automation requests are read out of it before this returns.
    /// </summary>
    /// <exception cref="InvalidDocumentException">Lists every violation found (at most 50).</exception>
    public static FlowDocument Parse(JsonElement submitted, HardLimits caps)
    {
        if (submitted.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDocumentException([Violation.Of(JsonPath.Root, $"the flow must be a JSON object")]);
        }

        var violations = new ViolationCollector();
        CheckSize(new ObjectReader(submitted, JsonPath.Root, new DocumentReading(violations)), caps);
        violations.ThrowIfAny();

        var reading = FlowDocumentParser.Parse(submitted, violations);
        FlowGraphRules.Check(reading.Graph, violations);
        if (reading.AutomationRequests.Count > caps.MaxAutomationsPerRequest)
        {
            violations.Add(JsonPath.Root,
                $"asks for {reading.AutomationRequests.Count} automation changes (trigger_config, action_config, duplicated_flow_id); at most {caps.MaxAutomationsPerRequest} are made in one request");
        }

        violations.ThrowIfAny();
        return new FlowDocument(Normalize(submitted, reading), reading.Graph, reading.AutomationRequests, reading.HasTransientFields);
    }

    /// <inheritdoc cref="Parse(JsonElement, HardLimits)"/>
    public static FlowDocument Parse(JsonObject submitted, HardLimits caps) => Parse(JsonSerializer.SerializeToElement(submitted), caps);

    /// <summary>
    /// Checks text a stored document was copied into (a duplicate's, see <see cref="JsonObjectCopy"/>) as
    /// <see cref="Parse(JsonElement, HardLimits)"/> does: parsed into pooled memory, nested as deep as a stored document
    /// may be, and given back once read, since nothing of it is kept.
    /// </summary>
    /// <exception cref="InvalidDocumentException">Lists every violation found (at most 50).</exception>
    public static FlowDocument Parse(ReadOnlyMemory<byte> copiedUtf8, HardLimits caps)
    {
        using var parsed = JsonDocument.Parse(copiedUtf8, StoredOptions);
        return Parse(parsed.RootElement, caps);
    }

    /// <summary>
    /// Takes a stored document as it is: it was normalized when it was stored, and reads never fail because stored
    /// data breaks today's rules (§3.1). Its graph is only read when asked for (limits, indexing), not to list it. The
    /// nodes are written as text once, as <see cref="Restore(ReadOnlyMemory{byte})"/> keeps it.
    /// </summary>
    public static FlowDocument Restore(JsonObject stored) => Restore(StoredText.Write(TextOptions, writer => stored.WriteTo(writer)));

    /// <summary>
    /// Takes a stored document as the UTF-8 JSON text its store keeps (as <see cref="WriteTo"/> wrote it), without reading
    /// it: it is parsed only when something needs its content, and written out as it is.
    /// </summary>
    public static FlowDocument Restore(ReadOnlyMemory<byte> storedUtf8) => new(storedUtf8, graph: null, [], hasTransientFields: false);

    public IReadOnlyList<FlowLimitWarning> EvaluateLimits(FlowLimits limits) => FlowLimitEvaluator.Evaluate(Graph, limits);

    /// <summary>
    /// The document without its transient fields (<c>trigger_config</c>, <c>action_config</c>, <c>duplicated_flow_id</c>),
    /// carrying the automation ids their processing produced instead. A document without any is returned as it is.
    /// </summary>
    public FlowDocument WithAutomations(AutomationResults results)
    {
        if (!_hasTransientFields)
        {
            return this;
        }

        var document = Nodes();
        if (document["trigger"] is JsonObject mainTrigger)
        {
            ResolveTrigger(mainTrigger, results.MainTriggerAutomationId);
        }

        if (document["additional_triggers"] is JsonArray additionalTriggers)
        {
            for (var i = 0; i < additionalTriggers.Count; i++)
            {
                if (additionalTriggers[i] is JsonObject trigger)
                {
                    ResolveTrigger(trigger, results.AdditionalTriggerAutomationIds.GetValueOrDefault(i));
                }
            }
        }

        if (document["tasks"] is JsonArray tasks)
        {
            for (var i = 0; i < tasks.Count; i++)
            {
                if (tasks[i] is JsonObject task && IsString(task["task_type"], TaskTypes.Automation) && task["automation_config"] is JsonObject config)
                {
                    config.Remove("action_config");
                    config.Remove("duplicated_flow_id");
                    if (results.TaskFlowIds.TryGetValue(i, out var flowId))
                    {
                        config["flow_id"] = flowId;
                    }
                }
            }
        }

        return Restore(document);
    }

    /// <summary>
    /// The automation flows the document refers to (contract §6.2): <c>automation_id</c> of the main and additional
    /// triggers (automation and journey-submission types) and <c>automation_config.flow_id</c> of automation tasks.
    /// </summary>
    public IReadOnlyList<string> ReferencedAutomationIds =>
        Graph.Triggers.Select(t => t.AutomationId).Concat(Graph.Tasks.Select(t => t.AutomationFlowId))
            .OfType<string>().Distinct(StringComparer.Ordinal).ToList();

    /// <summary>
    /// The document of a copy of the flow <paramref name="oldFlowId"/> stored as <paramref name="newFlowId"/> (duplicate
    /// §6.1, import §6.3): automation references found in <paramref name="automationIds"/> point at the copies, and
    /// schedule references to the old flow point at the new one. Everything else is unchanged.
    /// </summary>
    public FlowDocument WithReferencesReplaced(IReadOnlyDictionary<string, string> automationIds, string? oldFlowId, string newFlowId)
    {
        var document = Nodes();
        var triggers = new[] { document["trigger"] }.Concat(document["additional_triggers"] as JsonArray ?? []).OfType<JsonObject>();
        foreach (var trigger in triggers.Where(t => IsString(t["type"], TriggerTypes.Automation) || IsString(t["type"], TriggerTypes.JourneySubmission)))
        {
            ReplaceReference(trigger, "automation_id", automationIds);
        }

        var flowIds = new Dictionary<string, string>(StringComparer.Ordinal);
        if (oldFlowId is not null)
        {
            flowIds[oldFlowId] = newFlowId;
        }

        foreach (var task in (document["tasks"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (IsString(task["task_type"], TaskTypes.Automation) && task["automation_config"] is JsonObject config)
            {
                ReplaceReference(config, "flow_id", automationIds);
            }

            ReplaceReference(Child(task["schedule"], "reference"), "id", flowIds);
        }

        return Restore(document);
    }

    /// <summary>
    /// The document with its tasks renamed as <paramref name="taskIds"/> says (import, §6.3 step 3a), and every
    /// reference to a task with them: edges, due-date configurations, requirements, input contexts, schedules
    /// relative to a task's completion, entity-sync filters and decision statements whose source is an action.
    /// </summary>
    /// <exception cref="InvalidDocumentException">The renamed document breaks a rule (an id clash).</exception>
    public FlowDocument WithTaskIdsReplaced(IReadOnlyDictionary<string, string> taskIds, HardLimits caps)
    {
        var document = Nodes();
        ReplaceReference(document["due_date_config"], "task_id", taskIds);
        foreach (var phase in (document["phases"] as JsonArray ?? []).OfType<JsonObject>())
        {
            ReplaceReference(phase["due_date_config"], "task_id", taskIds);
        }

        foreach (var task in (document["tasks"] as JsonArray ?? []).OfType<JsonObject>())
        {
            ReplaceReference(task, "id", taskIds);
            ReplaceReference(task["due_date_config"], "task_id", taskIds);
            foreach (var requirement in task["requirements"] as JsonArray ?? [])
            {
                ReplaceReference(requirement, "task_id", taskIds);
            }

            ReplaceReference(Child(task["automation_config"], "input_context"), "task_id", taskIds);
            if (Child(task["schedule"], "reference") is JsonObject reference && IsString(reference["origin"], ReferenceOrigins.TaskCompleted))
            {
                ReplaceReference(reference, "id", taskIds);
            }

            var statements = (task["conditions"] as JsonArray ?? []).SelectMany(c => Child(c, "statements") as JsonArray ?? []);
            foreach (var source in statements.Select(s => Child(s, "source")).OfType<JsonObject>().Where(s => IsString(s["origin"], ActionSourceOrigin)))
            {
                ReplaceReference(source, "id", taskIds);
            }
        }

        foreach (var edge in (document["edges"] as JsonArray ?? []).OfType<JsonObject>())
        {
            ReplaceReference(edge, "from_id", taskIds);
            ReplaceReference(edge, "to_id", taskIds);
        }

        foreach (var sync in (document["entity_sync"] as JsonArray ?? []).OfType<JsonObject>())
        {
            ReplaceReference(Child(sync["trigger"], "filter"), "task_template_id", taskIds);
        }

        return Parse(document, caps);
    }

    /// <summary>Stores nothing transient: the same as processing with no results.</summary>
    public FlowDocument WithoutTransientFields() => WithAutomations(new AutomationResults());

    /// <summary>A copy of the document (the client's properties, without server-managed ones).</summary>
    public JsonObject ToJsonObject() => Nodes();

    /// <summary>
    /// Writes the document as JSON without copying it first: a document kept as text (stored, or submitted and
    /// normalized) writes that text as it is.
    /// </summary>
    public void WriteTo(Utf8JsonWriter writer) => writer.WriteRawValue(_text.Span, skipInputValidation: true);

    /// <summary>
    /// The document's normalized text in UTF-8, as <see cref="WriteTo"/> writes it and the stores keep it. Never written
    /// to: a store may keep the same memory, and a change makes a new document.
    /// </summary>
    public ReadOnlyMemory<byte> Text => _text;

    /// <summary>
    /// The text between the braces of <see cref="Text"/>: its properties as one piece. The text is one compact object
    /// (written by Utf8JsonWriter), its members separated as a writer separates them, so after a property a writer that
    /// skips validation has written, the copy needs only the writer's separator.
    /// </summary>
    public ReadOnlyMemory<byte> Members => _text.Trim(" \t\r\n"u8)[1..^1];

    /// <summary>
    /// Writes the document's properties into the object <paramref name="writer"/> is writing, in order, each value as
    /// <see cref="WriteTo"/> would write it: a document kept as text has its values copied from that text without being
    /// parsed — by a writer that skips validation, all its properties in one copy of the text between its braces.
    /// </summary>
    public void WriteMembersTo(Utf8JsonWriter writer)
    {
        var text = _text.Span;
        if (writer.Options.SkipValidation)
        {
            var members = Members.Span;
            if (!members.IsEmpty)
            {
                writer.WriteRawValue(members, skipInputValidation: true);
            }

            return;
        }

        var reader = new Utf8JsonReader(text, new JsonReaderOptions { MaxDepth = StoredOptions.MaxDepth });
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueIsEscaped)
            {
                writer.WritePropertyName(reader.GetString()!);
            }
            else
            {
                writer.WritePropertyName(reader.ValueSpan);
            }

            reader.Read();
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            writer.WriteRawValue(text[start..(int)reader.BytesConsumed], skipInputValidation: true);
        }
    }

    private FlowGraphDraft ReadGraph()
    {
        var graph = FlowDocumentParser.Parse(ParseText(), new ViolationCollector()).Graph;
        return Interlocked.CompareExchange(ref _graph, graph, null) ?? graph;
    }

    /// <summary>A node tree of the document's content, of its own: changing it changes nothing else.</summary>
    private JsonObject Nodes() => JsonObject.Create(ParseText())!;

    /// <summary>The document's content as an element that outlives the parse (a clone).</summary>
    private JsonElement ParseText()
    {
        using var parsed = JsonDocument.Parse(_text, StoredOptions);
        return parsed.RootElement.Clone();
    }

    /// <summary>The hard caps on the arrays whose size the graph rules' cost depends on.</summary>
    private static void CheckSize(ObjectReader flow, HardLimits caps)
    {
        flow.LimitItems("tasks", caps.MaxTasks);
        flow.LimitItems("edges", caps.MaxEdges);
        flow.LimitItems("phases", caps.MaxPhases);
        flow.LimitItems("additional_triggers", caps.MaxAdditionalTriggers);
        flow.LimitItems("closing_reasons", caps.MaxClosingReasonsPerWorkflow);
    }

    /// <summary>
    /// The document as stored (contract §8.2), as text: server-managed properties removed, <c>null</c> on optional
    /// properties dropped (D14) and <c>enabled</c> materialized. Everything else stays exactly as sent. Without nulls to
    /// drop (nearly always) the top level is copied property by property; no value becomes a node — a node and a
    /// dictionary entry per property cost most of a create with hundreds of thousands of properties.
    /// </summary>
    private static ReadOnlyMemory<byte> Normalize(JsonElement element, FlowDocumentReading reading) =>
        reading.DroppedNulls.Count > 0
            ? StoredText.Write(TextOptions, writer => NormalizeNodes(element, reading).WriteTo(writer))
            : StoredText.Write(TextOptions, writer => WriteNormalized(writer, element));

    /// <summary>The top level without server-managed properties, <c>enabled</c> true where it is missing or null (as <see cref="NormalizeNodes"/>).</summary>
    private static void WriteNormalized(Utf8JsonWriter writer, JsonElement element)
    {
        var enabled = false;
        writer.WriteStartObject();
        foreach (var property in element.EnumerateObject())
        {
            if (IsServerManaged(property))
            {
                continue;
            }

            if (property.NameEquals("enabled"u8))
            {
                enabled = true;
                if (property.Value.ValueKind == JsonValueKind.Null)
                {
                    writer.WriteBoolean("enabled"u8, true);
                    continue;
                }
            }

            property.WriteTo(writer);
        }

        if (!enabled)
        {
            writer.WriteBoolean("enabled"u8, true);
        }

        writer.WriteEndObject();
    }

    private static bool IsServerManaged(JsonProperty property)
    {
        foreach (var name in FlowDocumentParser.ServerManagedProperties)
        {
            if (property.NameEquals(name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The same normalization on a node tree, which nulls to drop inside the document need.</summary>
    private static JsonObject NormalizeNodes(JsonElement element, FlowDocumentReading reading)
    {
        var document = JsonObject.Create(element)!;
        foreach (var property in FlowDocumentParser.ServerManagedProperties)
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

        return document;
    }

    private static void ResolveTrigger(JsonObject trigger, string? automationId)
    {
        if (!IsString(trigger["type"], TriggerTypes.Automation))
        {
            return;
        }

        trigger.Remove("trigger_config");
        if (automationId is not null)
        {
            trigger["automation_id"] = automationId;
        }
    }

    /// <summary>Replaces the string at <paramref name="owner"/>.<paramref name="property"/> when <paramref name="map"/> renames it.</summary>
    private static void ReplaceReference(JsonNode? owner, string property, IReadOnlyDictionary<string, string> map)
    {
        if (owner is JsonObject o && o[property] is JsonValue value && value.TryGetValue<string>(out var id) && map.TryGetValue(id, out var replacement))
        {
            o[property] = replacement;
        }
    }

    /// <summary>The property of an object; null when <paramref name="node"/> is not an object (stored documents may hold anything there).</summary>
    private static JsonNode? Child(JsonNode? node, string property) => node is JsonObject o ? o[property] : null;

    private static bool IsString(JsonNode? node, string expected) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && text == expected;
}
