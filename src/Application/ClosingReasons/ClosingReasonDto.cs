using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace WorkflowDefinitions.Application.ClosingReasons;

/// <summary>The contract's <c>ClosingReason</c>: named fields plus every extra property the client stored.</summary>
public sealed record ClosingReasonDto(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("lastUpdateTime")] string LastUpdateTime,
    [property: JsonPropertyName("creationTime")] string CreationTime)
{
    /// <summary>
    /// Values are <see cref="JsonNode"/>s. Typed as <c>object</c> because extension data of type
    /// <see cref="JsonObject"/> serializes to invalid JSON (dotnet/runtime#60806, #97225).
    /// </summary>
    [JsonExtensionData]
    public Dictionary<string, object?> ExtraProperties { get; init; } = [];
}

/// <summary>The contract's <c>ClosingReasons</c>, <c>{"reasons": [...]}</c>, as the API reference shows it (it is written streamed).</summary>
public sealed record ClosingReasonsDto([property: JsonPropertyName("reasons")] IReadOnlyList<ClosingReasonDto> Reasons);
