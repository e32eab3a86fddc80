using WorkflowDefinitions.Domain.Common;

namespace WorkflowDefinitions.Domain.FlowTemplates;

/// <summary>
/// The typed, read-only view of a flow document that the graph rules and limits work on. Every member is what the
/// document holds at <c>Path</c>; a value that was missing or of the wrong type is <c>null</c> (and already reported).
/// </summary>
public sealed record FlowGraphDraft(
    string? Name,
    bool Enabled,
    IReadOnlyList<TriggerDraft> Triggers,
    int AdditionalTriggerCount,
    IReadOnlyList<PhaseDraft> Phases,
    int PhaseCount,
    IReadOnlyList<TaskDraft> Tasks,
    int TaskCount,
    IReadOnlyList<EdgeDraft> Edges,
    IReadOnlyList<DueDateConfigDraft> DueDateConfigs,
    IReadOnlyList<ClosingReasonReferenceDraft> ClosingReasons,
    IReadOnlyList<EntitySyncDraft> EntitySync,
    int EntitySyncCount);

/// <summary>The main trigger (<see cref="IsMain"/>) or one of the additional triggers.</summary>
public sealed record TriggerDraft(
    JsonPath Path, bool IsMain, int Index, string? Id, string? Type, string? AutomationId, string? JourneyId, string? EntitySchema);

public sealed record PhaseDraft(int Index, JsonPath Path, string? Id, string? Name);

public sealed record TaskDraft(
    int Index,
    JsonPath Path,
    string? Id,
    string? Name,
    string? TaskType,
    string? PhaseId,
    IReadOnlyList<RequirementDraft> Requirements,
    InputContextDraft? InputContext,
    ScheduleReferenceDraft? ScheduleReference,
    string? AutomationFlowId,
    IReadOnlyList<ConditionDraft> Conditions,
    int ConditionCount,
    LoopConfigDraft? LoopConfig,
    IReadOnlyList<AgentParameterDraft> AgentParameters)
{
    public bool IsDecision => TaskType == FlowVocabulary.TaskTypes.Decision;

    /// <summary>How the task is named in messages: <c>task 'id'</c>.</summary>
    public ItemLabel Label => new("task", Id, Path);
}

public sealed record EdgeDraft(int Index, JsonPath Path, string? Id, string? FromId, string? ToId, string? ConditionId, bool NoneMet)
{
    public ItemLabel Label => new("edge", Id, Path);
}

/// <summary>Where a due-date configuration sits decides which references it may hold (S18).</summary>
public enum DueDateOwner
{
    Flow,
    Phase,
    Task,
}

/// <summary>A <c>due_date_config</c> of the flow, a phase (<see cref="OwnerId"/> = phase id) or a task.</summary>
public sealed record DueDateConfigDraft(JsonPath Path, DueDateOwner Owner, string? OwnerId, string? Type, string? TaskId, string? PhaseId);

public sealed record RequirementDraft(JsonPath Path, string? When, string? TaskId, string? PhaseId);

public sealed record InputContextDraft(JsonPath Path, string? Source, string? TaskId);

/// <summary>A schedule's <c>reference</c> (relative schedules).</summary>
public sealed record ScheduleReferenceDraft(JsonPath Path, string? Id, string? Origin);

public sealed record ConditionDraft(int Index, JsonPath Path, string? Id, string? BranchName, IReadOnlyList<StatementDraft> Statements, int StatementCount);

public sealed record StatementDraft(JsonPath Path, string? Id);

public sealed record LoopConfigDraft(JsonPath Path, string? LoopBranchId, string? ExitBranchId, long? MaxIterations);

/// <summary>A string-valued <c>agent_config</c> property other than <c>agent_id</c>, and its length in code points.</summary>
public sealed record AgentParameterDraft(string Name, int Length);

public sealed record ClosingReasonReferenceDraft(JsonPath Path, string? Id);

public sealed record EntitySyncDraft(JsonPath Path, string? Event, JsonPath? FilterPath, string? TaskTemplateId, string? PhaseTemplateId);
