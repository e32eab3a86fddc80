using WorkflowDefinitions.Domain.Common;

namespace WorkflowDefinitions.Application.Common;

/// <summary>The request's shape is wrong (a body property, a path or query parameter). Answered with 400.</summary>
public sealed class InvalidRequestException(RequestPart part, IReadOnlyList<Violation> violations)
    : Exception(Prefix(part) + string.Join("; ", violations))
{
    public IReadOnlyList<Violation> Violations { get; } = violations;

    private static string Prefix(RequestPart part) =>
        part == RequestPart.Body ? "Invalid request body: " : "Invalid request: ";
}

/// <summary>Which part of an HTTP request a validation rule looks at; it decides the error message's prefix.</summary>
public enum RequestPart
{
    Body,
    Path,
    Query,
}
