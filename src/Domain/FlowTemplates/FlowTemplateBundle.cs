using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowDefinitions.Domain.Common;

namespace WorkflowDefinitions.Domain.FlowTemplates;

/// <summary>
/// The body of importFlowTemplate (contract §6.3 / D49 steps 1-4): an exported flow and the automations bundled with
/// it, checked and made ready to become a new flow. Its server fields are dropped, its transient fields stripped
/// without being processed, and every task has a new id. What depends on the new flow's id and on the copies of the
/// automations is filled in later by <see cref="FlowDocument.WithReferencesReplaced"/>.
/// </summary>
public sealed class FlowTemplateBundle
{
    public const string ResolvedAutomationsProperty = "_resolved_automations";

    private static readonly string[] AutomationArrays = ["triggers", "actions"];

    private FlowTemplateBundle(
        string? sourceFlowId, FlowDocument document, IReadOnlyList<KeyValuePair<string, string>> taskIds, IReadOnlyList<BundledAutomation> automations)
    {
        SourceFlowId = sourceFlowId;
        Document = document;
        TaskIds = taskIds;
        Automations = automations;
    }

    /// <summary>The <c>id</c> the flow had where it was exported; null when the bundle carries none.</summary>
    public string? SourceFlowId { get; }

    /// <summary>The flow with its tasks renamed; valid.</summary>
    public FlowDocument Document { get; }

    /// <summary>Old task id → new task id, in the order of the tasks.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> TaskIds { get; }

    /// <summary>
    /// The automations the export could resolve that the flow refers to (its <c>null</c> entries and automations no
    /// trigger or task names left out), in the bundle's order.
    /// </summary>
    public IReadOnlyList<BundledAutomation> Automations { get; }

    /// <summary>Checks the bundle and renames its tasks with ids from <paramref name="newTaskId"/>.</summary>
    /// <exception cref="InvalidDocumentException">Lists every violation of the flow and of its bundled automations.</exception>
    public static FlowTemplateBundle Parse(JsonElement body, Func<string> newTaskId, HardLimits caps)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDocumentException([Violation.Of(JsonPath.Root, $"the export must be a JSON object")]);
        }

        var bundleViolations = new ViolationCollector();
        var bundled = ReadAutomations(body, caps, bundleViolations);
        var flow = JsonObject.Create(body.Clone())!;
        flow.Remove(ResolvedAutomationsProperty);
        FlowDocument exported;
        try
        {
            exported = FlowDocument.Parse(flow, caps);
        }
        catch (InvalidDocumentException exception)
        {
            throw new InvalidDocumentException([.. exception.Violations.Concat(bundleViolations.Violations).Take(ViolationCollector.MaxViolations)]);
        }

        bundleViolations.ThrowIfAny();
        var referenced = exported.ReferencedAutomationIds.ToHashSet(StringComparer.Ordinal);
        var automations = bundled
            .Where(entry => referenced.Contains(entry.Name))
            .Select(entry => new BundledAutomation(entry.Name, JsonObject.Create(entry.Value.Clone())!))
            .ToList();
        if (automations.Count > caps.MaxAutomationsPerRequest)
        {
            bundleViolations.Add(JsonPath.Root.Property(ResolvedAutomationsProperty),
                $"holds {automations.Count} automations the flow refers to; at most {caps.MaxAutomationsPerRequest} are copied in one import");
            bundleViolations.ThrowIfAny();
        }

        var taskIds = exported.Graph.Tasks.Select(task => KeyValuePair.Create(task.Id!, newTaskId())).ToList();
        var document = exported.WithoutTransientFields().WithTaskIdsReplaced(new Dictionary<string, string>(taskIds, StringComparer.Ordinal), caps);
        return new FlowTemplateBundle(SourceFlowIdOf(body), document, taskIds, automations);
    }

    /// <summary>
    /// <c>_resolved_automations</c>: absent or <c>null</c> means none; otherwise an object of at most
    /// <see cref="HardLimits.MaxBundledAutomations"/> entries whose values are <c>null</c> (not resolved at export) or an
    /// <c>AutomationFlow</c> with its required <c>flow_name</c>, <c>triggers</c> and <c>actions</c>. Returns the valid flows.
    /// </summary>
    private static List<JsonProperty> ReadAutomations(JsonElement body, HardLimits caps, ViolationCollector violations)
    {
        var automations = new List<JsonProperty>();
        if (!body.TryGetProperty(ResolvedAutomationsProperty, out var resolved) || resolved.ValueKind == JsonValueKind.Null)
        {
            return automations;
        }

        var path = JsonPath.Root.Property(ResolvedAutomationsProperty);
        if (resolved.ValueKind != JsonValueKind.Object)
        {
            violations.Add(path, $"must be an object of automation flows by automation id");
            return automations;
        }

        if (resolved.EnumerateObject().Take(caps.MaxBundledAutomations + 1).Count() > caps.MaxBundledAutomations)
        {
            violations.Add(path, $"must not have more than {caps.MaxBundledAutomations} entries");
            violations.ThrowIfAny();
        }

        foreach (var entry in resolved.EnumerateObject())
        {
            var entryPath = path.Key(entry.Name);
            if (entry.Value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (entry.Value.ValueKind != JsonValueKind.Object)
            {
                violations.Add(entryPath, $"must be null or an automation flow object");
                continue;
            }

            var valid = CheckMember(entry.Value, "flow_name", JsonValueKind.String, "a string", entryPath, violations);
            foreach (var array in AutomationArrays)
            {
                valid &= CheckMember(entry.Value, array, JsonValueKind.Array, "an array", entryPath, violations);
            }

            if (valid)
            {
                automations.Add(entry);
            }
        }

        return automations;
    }

    private static bool CheckMember(JsonElement automation, string name, JsonValueKind kind, string description, JsonPath path, ViolationCollector violations)
    {
        if (!automation.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            violations.Add(path.Property(name), $"is required");
            return false;
        }

        if (value.ValueKind != kind)
        {
            violations.Add(path.Property(name), $"must be {description}");
            return false;
        }

        return true;
    }

    private static string? SourceFlowIdOf(JsonElement body) =>
        body.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
}

/// <summary>An automation flow as the export resolved it, under the id it had in the exporting organization.</summary>
public sealed record BundledAutomation(string SourceId, JsonObject Flow);
