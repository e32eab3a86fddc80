using WorkflowDefinitions.Domain.Common;

namespace WorkflowDefinitions.Domain.LegacyWorkflowDefinitions;

/// <summary>The typed view of a V1 definition that its referential rules work on (values that were wrong are null).</summary>
internal sealed record DefinitionDraft(
    IReadOnlyList<DefinitionItemDraft> Items,
    IReadOnlyList<DynamicDueDateDraft> DynamicDueDates,
    IReadOnlyList<ClosingReasonIdDraft> ClosingReasons);

/// <summary>A section or a step (<see cref="Kind"/>), with the section it belongs to.</summary>
internal sealed record DefinitionItemDraft(
    JsonPath Path, string? Id, string Kind, DefinitionItemDraft? Section, IReadOnlyList<StepRequirementDraft> Requirements)
{
    public ItemLabel Label => new(Kind.ToLowerInvariant(), Id, Path);
}

internal sealed record StepRequirementDraft(JsonPath Path, string? DefinitionId, string? Type);

/// <summary>A <c>dynamicDueDate</c> of the definition (<see cref="Owner"/> null), a section or a step.</summary>
internal sealed record DynamicDueDateDraft(JsonPath Path, DefinitionItemDraft? Owner, string? Condition, string? StepId, string? PhaseId);

internal sealed record ClosingReasonIdDraft(JsonPath Path, string? Id);
