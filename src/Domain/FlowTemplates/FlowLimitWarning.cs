namespace WorkflowDefinitions.Domain.FlowTemplates;

/// <summary>
/// A limit the flow exceeds (<c>FlowLimitWarning</c>): <see cref="Current"/> &gt; <see cref="Max"/>.
/// <see cref="Path"/> holds property names (strings) and array indexes (ints).
/// </summary>
public sealed record FlowLimitWarning(
    string I18nKey,
    string Message,
    long Max,
    long Current,
    IReadOnlyList<object> Path,
    string? NodeId = null,
    string? TaskName = null,
    string? BranchName = null,
    string? ParamName = null,
    string? ConditionId = null)
{
    /// <summary>
    /// What the limit is about, to compare a request with the stored version (contract §3.5 step 4): the limit and its
    /// subject (task, condition or parameter; flow-level limits have the flow as subject).
    /// </summary>
    public string SubjectKey => $"{I18nKey}|{NodeId}|{ConditionId}|{ParamName}";
}
