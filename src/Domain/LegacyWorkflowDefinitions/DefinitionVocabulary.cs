namespace WorkflowDefinitions.Domain.LegacyWorkflowDefinitions;

/// <summary>The enumerations of the V1 schema, spelled exactly as on the wire.</summary>
public static class DefinitionVocabulary
{
    public const string Section = "SECTION";
    public const string Step = "STEP";
    public const string StepClosed = "STEP_CLOSED";
    public const string PhaseFinished = "PHASE_FINISHED";
    public const string Automation = "AUTOMATION";

    public static IReadOnlyList<string> ItemTypes { get; } = [Step, Section];

    public static IReadOnlyList<string> ExecutionTypes { get; } = ["MANUAL", Automation];

    public static IReadOnlyList<string> DueDateConditions { get; } = ["WORKFLOW_STARTED", StepClosed, PhaseFinished];

    public static IReadOnlyList<string> TimePeriods { get; } = ["minutes", "hours", "days", "weeks", "months", "years"];

    public static IReadOnlyList<string> RequirementConditions { get; } = ["CLOSED"];

    public static IReadOnlyList<string> EntityAttributeSources { get; } = ["workflow_status", "current_section", "current_step"];
}
