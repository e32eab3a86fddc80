using WorkflowDefinitions.Domain.Common;

namespace WorkflowDefinitions.Application.Common;

/// <summary>
/// A path or query parameter is wrong (checked by the request validators or by model binding). Answered with 400
/// <c>Invalid request: ...</c>; a wrong body is an <see cref="InvalidDocumentException"/> (<c>Invalid request body: ...</c>).
/// </summary>
public sealed class InvalidRequestException(IReadOnlyList<Violation> violations)
    : Exception("Invalid request: " + string.Join("; ", violations))
{
    public IReadOnlyList<Violation> Violations { get; } = violations;
}
