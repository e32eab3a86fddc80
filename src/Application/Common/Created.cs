namespace WorkflowDefinitions.Application.Common;

/// <summary>
/// A created workflow's answer, written straight from the workflow (see <see cref="JsonAnswer"/>), and its id, which
/// the 201's Location names.
/// </summary>
public sealed record Created(string Id, JsonAnswer Answer);
