using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using WorkflowDefinitions.Domain.Common;

namespace WorkflowDefinitions.Api.Errors;

/// <summary>
/// The contract's <c>ErrorResp</c>: <c>{"message": ...}</c>, plus, for validation errors, every violation with its
/// path (D11), for enforced limits the offending <c>limit_warnings</c>, and for server errors the trace id to quote.
/// </summary>
public sealed record ErrorResponse(
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("errors"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyList<ErrorDetail>? Errors = null,
    [property: JsonPropertyName("traceId"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    string? TraceId = null,
    [property: JsonPropertyName("limit_warnings"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    JsonArray? LimitWarnings = null)
{
    public static ErrorResponse WithViolations(string message, IReadOnlyList<Violation> violations) =>
        new(message, violations.Count == 0 ? null : ErrorBodyBudget.Errors(violations));
}

public sealed record ErrorDetail(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("message")] string Message);
