namespace WorkflowDefinitions.Domain.FlowTemplates;

/// <summary>The enumerations of the V2 flow schema (contract S4), spelled exactly as on the wire.</summary>
public static class FlowVocabulary
{
    public static class TaskTypes
    {
        public const string Manual = "MANUAL";
        public const string Automation = "AUTOMATION";
        public const string Decision = "DECISION";
        public const string AiAgent = "AI_AGENT";

        public static IReadOnlyList<string> All { get; } = [Manual, Automation, Decision, AiAgent];
    }

    public static class TriggerTypes
    {
        public const string Manual = "manual";
        public const string Automation = "automation";
        public const string JourneySubmission = "journey_submission";
        public const string JourneyAutomation = "journey_automation";

        public static IReadOnlyList<string> All { get; } = [Manual, Automation, JourneySubmission, JourneyAutomation];

        /// <summary>The trigger types list and search can filter by (journey_automation is not one).</summary>
        public static IReadOnlyList<string> Filterable { get; } = [Automation, Manual, JourneySubmission];
    }

    public static class DueDateTypes
    {
        public const string WorkflowStarted = "WORKFLOW_STARTED";
        public const string TaskFinished = "TASK_FINISHED";
        public const string PhaseFinished = "PHASE_FINISHED";
        public const string APrecedingTaskCompleted = "A_PRECEDING_TASK_COMPLETED";
        public const string AllPrecedingTasksCompleted = "ALL_PRECEDING_TASKS_COMPLETED";

        public static IReadOnlyList<string> All { get; } =
            [WorkflowStarted, TaskFinished, PhaseFinished, APrecedingTaskCompleted, AllPrecedingTasksCompleted];
    }

    public static class RequirementConditions
    {
        public const string TaskFinished = "TASK_FINISHED";
        public const string PhaseFinished = "PHASE_FINISHED";

        public static IReadOnlyList<string> All { get; } = [TaskFinished, PhaseFinished];
    }

    public static class ScheduleModes
    {
        public const string Immediate = "immediate";
        public const string Delayed = "delayed";
        public const string Relative = "relative";

        public static IReadOnlyList<string> All { get; } = [Immediate, Delayed, Relative];

        /// <summary>A decision waits before it is evaluated; it cannot be scheduled "immediately" (S20).</summary>
        public static IReadOnlyList<string> ForDecisions { get; } = [Delayed, Relative];
    }

    public static class ReferenceOrigins
    {
        public const string FlowStarted = "flow_started";
        public const string TaskCompleted = "task_completed";
        public const string TriggerEntityAttribute = "trigger_entity_attribute";
        public const string AllPrecedingTasksCompleted = "all_preceding_tasks_completed";

        public static IReadOnlyList<string> All { get; } = [FlowStarted, TaskCompleted, TriggerEntityAttribute, AllPrecedingTasksCompleted];
    }

    public static class EntitySyncEvents
    {
        public static IReadOnlyList<string> All { get; } =
        [
            "FlowStarted", "FlowCompleted", "FlowCancelled", "FlowReopened", "FlowDeleted", "FlowAssigned",
            "FlowDueDateChanged", "FlowContextsChanged", "TaskUpdated", "CurrTaskChanged", "TaskCompleted", "TaskSkipped",
            "TaskMarkedInProgress", "TaskMarkedOnHold", "PhaseUpdated", "PhaseCompleted", "PhaseSkipped", "PhaseMarkedInProgress",
        ];

        public static bool TargetsTasks(string eventName) =>
            eventName.StartsWith("Task", StringComparison.Ordinal) || eventName == "CurrTaskChanged";

        public static bool TargetsPhases(string eventName) => eventName.StartsWith("Phase", StringComparison.Ordinal);
    }

    public const string CustomValueSource = "custom_value";

    public static IReadOnlyList<string> TriggerModes { get; } = ["manual", "automatic"];

    public static IReadOnlyList<string> TimeUnits { get; } = ["minutes", "hours", "days", "weeks", "months", "years"];

    public static IReadOnlyList<string> Versions { get; } = ["v1", "v2", "v3"];

    public static IReadOnlyList<string> InputEntities { get; } = ["thread", "first_email", "last_email"];

    public static IReadOnlyList<string> InputContextSources { get; } = ["trigger", "task"];

    public static IReadOnlyList<string> Directions { get; } = ["before", "after"];

    public static IReadOnlyList<string> LogicalOperators { get; } = ["AND", "OR"];

    public static IReadOnlyList<string> Operators { get; } =
    [
        "equals", "not_equals", "any_of", "none_of", "contains", "not_contains", "starts_with", "ends_with", "greater_than",
        "less_than", "greater_than_or_equals", "less_than_or_equals", "is_empty", "is_not_empty",
    ];

    public static IReadOnlyList<string> ValueTypes { get; } = ["static", "relative_date"];

    /// <summary>A statement source whose origin is an action reads the output of a task: its <c>id</c> is a task id.</summary>
    public const string ActionSourceOrigin = "action";

    public static IReadOnlyList<string> SourceOrigins { get; } = ["trigger", ActionSourceOrigin];

    public static IReadOnlyList<string> SourceOriginTypes { get; } = ["entity", "workflow", "journey_block"];

    public static IReadOnlyList<string> AttributeTypes { get; } =
    [
        "string", "text", "number", "boolean", "date", "datetime", "tags", "country", "email", "phone", "product", "price",
        "status", "relation", "multiselect", "select", "radio", "relation_user", "purpose", "label", "message_email_address",
    ];

    public static IReadOnlyList<string> AttributeOperations { get; } = ["all", "updated", "added", "deleted"];

    public static IReadOnlyList<string> AttributesMatch { get; } = ["any", "all"];

    public static IReadOnlyList<string> DateOffsetUnits { get; } = ["days", "months", "years"];

    public static IReadOnlyList<string> EntitySyncValueSources { get; } =
    [
        "workflow_name", "workflow_status", "workflow_assigned_to", "task_name", "task_status", "task_assigned_to",
        "phase_name", "phase_status", "phase_assigned_to", CustomValueSource,
    ];

    public static IReadOnlyList<string> ClosingReasonStatuses { get; } = ["ACTIVE", "INACTIVE"];
}
