using System.Text.Json.Nodes;

namespace WorkflowDefinitions.Domain.ClosingReasons;

/// <summary>
/// A partial update (JSON merge patch): a null member leaves that field unchanged;
/// <see cref="Patch"/> is the whole patch document, from which unnamed properties are merged.
/// </summary>
public sealed record ClosingReasonChanges(string? Title, ClosingReasonStatus? Status, JsonObject Patch);
