using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowDefinitions.Domain.Common;
using static WorkflowDefinitions.Domain.FlowTemplates.FlowVocabulary;

namespace WorkflowDefinitions.Domain.FlowTemplates;

/// <summary>
/// Reads a flow document against the schema (contract §3.2 shape rules, S4 enums, D01, D10, D14, D26): every known
/// property is type-checked and every problem recorded with its path. Unknown properties are not looked at. The
/// result is the typed <see cref="FlowGraphDraft"/>, the transient automation requests and the <c>null</c>s to drop.
/// </summary>
internal sealed class FlowDocumentParser
{
    public const int MinNameLength = 3;
    public const int MaxDescriptionLength = 5000;
    public const int MaxSourceAttributes = 10;
    public const string AllPrecedingTasksSentinel = "all_preceding_tasks_completed";

    /// <summary>Set by the server; a client's values are dropped (contract §1.4).</summary>
    public static IReadOnlyList<string> ServerManagedProperties { get; } = ["id", "org_id", "created_at", "updated_at", "limit_warnings"];

    private readonly DocumentReading _reading;
    private readonly List<AutomationRequest> _automationRequests = [];
    private bool _hasTransientFields;

    private FlowDocumentParser(DocumentReading reading) => _reading = reading;

    public static FlowDocumentReading Parse(JsonElement document, ViolationCollector violations)
    {
        var reading = new DocumentReading(violations);
        var parser = new FlowDocumentParser(reading);
        var graph = parser.ReadFlow(new ObjectReader(document, JsonPath.Root, reading));
        return new FlowDocumentReading(graph, parser._automationRequests, parser._hasTransientFields, reading.DroppedNulls);
    }

    /// <summary>The whole flow, part by part in document order (the order its violations are reported in).</summary>
    private FlowGraphDraft ReadFlow(ObjectReader flow)
    {
        var (name, enabled) = ReadFlowProperties(flow);
        var dueDateConfigs = new List<DueDateConfigDraft>();
        ReadDueDateConfig(flow, DueDateOwner.Flow, ownerId: null, dueDateConfigs);
        var (triggers, additionalTriggerCount) = ReadTriggers(flow);
        var (phases, phaseCount) = ReadItems(flow.OptionalArray("phases"), (phase, index) => ReadPhase(phase, index, dueDateConfigs));
        var (tasks, taskCount) = ReadItems(flow.RequiredArray("tasks"), (task, index) => ReadTask(task, index, dueDateConfigs));
        var (edges, _) = ReadItems(flow.RequiredArray("edges"), ReadEdge);
        var (closingReasons, _) = ReadItems(flow.OptionalArray("closing_reasons"), (reason, _) => ReadClosingReason(reason));
        var (entitySync, entitySyncCount) = ReadItems(flow.OptionalArray("entity_sync"), (rule, _) => ReadEntitySync(rule));

        return new FlowGraphDraft(
            name,
            enabled ?? true,
            triggers,
            additionalTriggerCount,
            phases,
            phaseCount,
            tasks,
            taskCount,
            edges,
            dueDateConfigs,
            closingReasons,
            entitySync,
            entitySyncCount);
    }

    /// <summary>The flow's own scalar properties: name, description, flags, version, dates, lists of names, assignments.</summary>
    private (string? Name, bool? Enabled) ReadFlowProperties(ObjectReader flow)
    {
        var name = flow.RequiredString("name");
        if (name is not null && (TextLength.CodePoints(name) < MinNameLength || string.IsNullOrWhiteSpace(name)))
        {
            flow.Report("name", $"must have at least {MinNameLength} characters and not only whitespace");
        }

        if (flow.OptionalString("description") is { } description && TextLength.CodePoints(description) > MaxDescriptionLength)
        {
            flow.Report("description", $"must not be longer than {MaxDescriptionLength} characters");
        }

        var enabled = flow.OptionalBoolean("enabled");
        ReadVersion(flow);
        flow.OptionalDate("due_date");
        flow.OptionalBoolean("available_in_ecp");
        flow.OptionalBoolean("singleClosingReasonSelection");
        flow.OptionalBoolean("linear");
        flow.OptionalStringArray("taxonomies");
        flow.OptionalStringArray("_manifest");
        ReadAssignments(flow);
        return (name, enabled);
    }

    /// <summary>The main <c>trigger</c> (index 0) and the <c>additional_triggers</c>, with how many additional ones were sent.</summary>
    private (List<TriggerDraft> Triggers, int AdditionalCount) ReadTriggers(ObjectReader flow)
    {
        var triggers = new List<TriggerDraft>();
        if (flow.OptionalObject("trigger") is { } mainTrigger)
        {
            triggers.Add(ReadTrigger(mainTrigger, isMain: true, index: 0));
        }

        var additionalTriggers = flow.OptionalArray("additional_triggers");
        foreach (var (trigger, index) in additionalTriggers?.Objects() ?? [])
        {
            triggers.Add(ReadTrigger(trigger, isMain: false, index));
        }

        return (triggers, additionalTriggers?.Count ?? 0);
    }

    /// <summary>The object items of an array (others are reported), each read by <paramref name="read"/>, and how many items were sent.</summary>
    private static (List<T> Items, int Count) ReadItems<T>(ArrayReader? array, Func<ObjectReader, int, T> read)
    {
        var items = new List<T>(array?.Count ?? 0);
        foreach (var (item, index) in array?.Objects() ?? [])
        {
            items.Add(read(item, index));
        }

        return (items, array?.Count ?? 0);
    }

    /// <summary><c>version</c> is "v1" | "v2" | "v3" or the integers 1 | 2 | 3 (contract D01, D07).</summary>
    private void ReadVersion(ObjectReader flow)
    {
        if (!flow.Value.TryGetProperty("version", out var version))
        {
            return;
        }

        var valid = version.ValueKind switch
        {
            JsonValueKind.Null => true,
            JsonValueKind.String => Versions.Contains(version.GetString()!),
            JsonValueKind.Number => JsonNumbers.TryGetInteger(version, out var number) && number is >= 1 and <= 3,
            _ => false,
        };
        if (version.ValueKind == JsonValueKind.Null)
        {
            _reading.DropNull(flow.PathOf("version"));
        }
        else if (!valid)
        {
            flow.Report("version", $"must be one of v1, v2, v3 (or 1, 2, 3)");
        }
    }

    private TriggerDraft ReadTrigger(ObjectReader trigger, bool isMain, int index)
    {
        var id = trigger.OptionalText("id");
        var type = trigger.RequiredEnum("type", TriggerTypes.All);
        string? automationId = null, journeyId = null, entitySchema = null;
        switch (type)
        {
            case TriggerTypes.Manual or TriggerTypes.JourneyAutomation:
                entitySchema = trigger.OptionalString("entity_schema");
                break;
            case TriggerTypes.Automation:
                automationId = trigger.OptionalText("automation_id");
                trigger.OptionalEnum("input_entity", InputEntities);
                ReadTriggerConfig(trigger, isMain ? null : index, automationId);
                break;
            case TriggerTypes.JourneySubmission:
                journeyId = trigger.RequiredText("journey_id");
                trigger.OptionalString("journey_name");
                automationId = trigger.OptionalText("automation_id");
                break;
        }

        return new TriggerDraft(trigger.Path, isMain, index, id, type, automationId, journeyId, entitySchema);
    }

    private void ReadTriggerConfig(ObjectReader trigger, int? additionalTriggerIndex, string? automationId)
    {
        if (trigger.OptionalArray("trigger_config") is not { } configs)
        {
            return;
        }

        _hasTransientFields = true;
        foreach (var (config, _) in configs.Objects())
        {
            config.RequiredString("type");
            config.OptionalObject("configuration");
        }

        if (configs.Count > 0)
        {
            _automationRequests.Add(new TriggerAutomationRequest(additionalTriggerIndex, automationId, JsonArray.Create(configs.Value.Clone())!));
        }
    }

    private static PhaseDraft ReadPhase(ObjectReader phase, int index, List<DueDateConfigDraft> dueDateConfigs)
    {
        var id = phase.RequiredText("id");
        var name = phase.RequiredString("name");
        phase.OptionalDate("due_date");
        phase.OptionalStringArray("taxonomies");
        ReadAssignments(phase);
        ReadDueDateConfig(phase, DueDateOwner.Phase, id, dueDateConfigs);
        return new PhaseDraft(index, phase.Path, id, name);
    }

    private TaskDraft ReadTask(ObjectReader task, int index, List<DueDateConfigDraft> dueDateConfigs)
    {
        var id = task.RequiredText("id");
        var name = task.RequiredString("name");
        var taskType = task.RequiredEnum("task_type", TaskTypes.All);
        var phaseId = task.OptionalText("phase_id");
        SharedStepParts.ReadDescription(task);
        SharedStepParts.ReadJourney(task);

        task.OptionalDate("due_date");
        ReadDueDateConfig(task, DueDateOwner.Task, id, dueDateConfigs);
        var requirements = new List<RequirementDraft>();
        foreach (var (requirement, _) in task.OptionalArray("requirements")?.Objects() ?? [])
        {
            requirements.Add(ReadRequirement(requirement));
        }

        ReadAssignments(task);
        SharedStepParts.ReadPortalDetails(task);

        task.OptionalStringArray("taxonomies");

        var draft = new TaskDraft(index, task.Path, id, name, taskType, phaseId, requirements, null, null, null, [], 0, null, []);
        return taskType switch
        {
            TaskTypes.Automation => ReadAutomationTask(task, draft),
            TaskTypes.Decision => ReadDecisionTask(task, draft),
            TaskTypes.AiAgent => ReadAiAgentTask(task, draft),
            _ => draft,
        };
    }

    private TaskDraft ReadAutomationTask(ObjectReader task, TaskDraft draft)
    {
        task.OptionalEnum("trigger_mode", TriggerModes);
        task.OptionalBoolean("created_automatically");
        var reference = task.OptionalObject("schedule") is { } schedule ? ReadSchedule(schedule, ScheduleModes.All, modeRequired: false) : null;
        if (task.RequiredObject("automation_config") is not { } config)
        {
            return draft with { ScheduleReference = reference };
        }

        var flowId = config.OptionalText("flow_id");
        _hasTransientFields |= config.Has("action_config") || config.Has("duplicated_flow_id");
        if (config.OptionalObject("action_config") is { } action)
        {
            action.RequiredString("type");
            action.OptionalObject("config");
            _automationRequests.Add(new ActionAutomationRequest(draft.Index, draft.Name ?? string.Empty, flowId, JsonObject.Create(action.Value.Clone())!));
        }

        if (config.OptionalText("duplicated_flow_id") is { } duplicatedFlowId)
        {
            _automationRequests.Add(new DuplicateAutomationRequest(draft.Index, duplicatedFlowId));
        }

        InputContextDraft? inputContext = null;
        if (config.OptionalObject("input_context") is { } context)
        {
            var source = context.RequiredEnum("source", InputContextSources);
            var taskId = context.OptionalText("task_id");
            if (source == "task" && !context.Has("task_id"))
            {
                context.Report("task_id", $"is required when source is task");
            }

            inputContext = new InputContextDraft(context.Path, source, taskId);
        }

        return draft with { AutomationFlowId = flowId, InputContext = inputContext, ScheduleReference = reference };
    }

    private static TaskDraft ReadDecisionTask(ObjectReader task, TaskDraft draft)
    {
        task.RequiredEnum("trigger_mode", TriggerModes);
        task.OptionalBoolean("allow_parallel_execution");
        var reference = task.OptionalObject("schedule") is { } schedule
            ? ReadSchedule(schedule, ScheduleModes.ForDecisions, modeRequired: true)
            : null;

        var conditionsArray = task.RequiredArray("conditions");
        var conditions = new List<ConditionDraft>();
        foreach (var (condition, index) in conditionsArray?.Objects() ?? [])
        {
            conditions.Add(ReadCondition(condition, index));
        }

        LoopConfigDraft? loopConfig = null;
        if (task.OptionalObject("loop_config") is { } loop)
        {
            var loopBranch = loop.RequiredText("loop_branch_id");
            var exitBranch = loop.RequiredText("exit_branch_id");
            var maxIterations = loop.RequiredInteger("max_iterations");
            if (maxIterations < 1)
            {
                loop.Report("max_iterations", $"must be at least 1");
            }

            if (loopBranch is not null && loopBranch == exitBranch)
            {
                loop.Report("exit_branch_id", $"'{exitBranch}' must differ from loop_branch_id");
            }

            loopConfig = new LoopConfigDraft(loop.Path, loopBranch, exitBranch, maxIterations);
        }

        return draft with
        {
            ScheduleReference = reference,
            Conditions = conditions,
            ConditionCount = conditionsArray?.Count ?? 0,
            LoopConfig = loopConfig,
        };
    }

    private static TaskDraft ReadAiAgentTask(ObjectReader task, TaskDraft draft)
    {
        if (task.OptionalObject("agent_config") is not { } agent)
        {
            return draft;
        }

        agent.RequiredText("agent_id");
        var parameters = new List<AgentParameterDraft>();
        foreach (var parameter in agent.Properties())
        {
            if (parameter.Name != "agent_id" && parameter.Value.ValueKind == JsonValueKind.String)
            {
                parameters.Add(new AgentParameterDraft(parameter.Name, TextLength.CodePoints(parameter.Value.GetString()!)));
            }
        }

        return draft with { AgentParameters = parameters };
    }

    /// <summary>Reads a schedule (S19, S20, S21) and returns its reference when it is relative.</summary>
    private static ScheduleReferenceDraft? ReadSchedule(ObjectReader schedule, IReadOnlyList<string> modes, bool modeRequired)
    {
        var mode = modeRequired ? schedule.RequiredEnum("mode", modes) : schedule.OptionalEnum("mode", modes);
        if (mode is not (ScheduleModes.Delayed or ScheduleModes.Relative))
        {
            return null;
        }

        if (schedule.RequiredNumber("duration") is < 1)
        {
            schedule.Report("duration", $"must be at least 1");
        }

        schedule.RequiredEnum("unit", TimeUnits);
        if (mode == ScheduleModes.Delayed)
        {
            return null;
        }

        schedule.RequiredEnum("direction", Directions);
        if (schedule.RequiredObject("reference") is not { } reference)
        {
            return null;
        }

        var id = reference.RequiredText("id");
        var origin = reference.RequiredEnum("origin", ReferenceOrigins.All);
        reference.OptionalString("schema");
        var attribute = reference.OptionalString("attribute");
        if (origin == ReferenceOrigins.TriggerEntityAttribute && attribute is null && !reference.Has("attribute"))
        {
            reference.Report("attribute", $"is required when origin is trigger_entity_attribute");
        }

        if (origin == ReferenceOrigins.AllPrecedingTasksCompleted && id is not null && id != AllPrecedingTasksSentinel)
        {
            reference.Report("id", $"must be '{AllPrecedingTasksSentinel}' when origin is all_preceding_tasks_completed");
        }

        return new ScheduleReferenceDraft(reference.Path, id, origin);
    }

    private static ConditionDraft ReadCondition(ObjectReader condition, int index)
    {
        var id = condition.RequiredText("id");
        var branchName = condition.RequiredString("branch_name");
        condition.RequiredEnum("logical_operator", LogicalOperators);
        var statementsArray = condition.RequiredNullableArray("statements");
        var statements = new List<StatementDraft>();
        foreach (var (statement, _) in statementsArray?.Objects() ?? [])
        {
            statements.Add(ReadStatement(statement));
        }

        return new ConditionDraft(index, condition.Path, id, branchName, statements, statementsArray?.Count ?? 0);
    }

    private static StatementDraft ReadStatement(ObjectReader statement)
    {
        var id = statement.RequiredText("id");
        statement.RequiredEnum("operator", Operators);
        statement.OptionalEnum("value_type", ValueTypes);
        statement.RequiredArray("values")?.Strings();
        if (statement.RequiredObject("source") is { } source)
        {
            ReadEvaluationSource(source);
        }

        return new StatementDraft(statement.Path, id);
    }

    private static void ReadEvaluationSource(ObjectReader source)
    {
        source.OptionalString("id");
        source.OptionalEnum("origin", SourceOrigins);
        source.OptionalEnum("origin_type", SourceOriginTypes);
        source.OptionalString("schema");
        source.OptionalString("attribute");
        source.OptionalEnum("attribute_type", AttributeTypes);
        source.OptionalBoolean("attribute_repeatable");
        source.OptionalEnum("attribute_operation", AttributeOperations);
        source.OptionalEnum("attributes_match", AttributesMatch);
        source.OptionalString("attribute_sub_field");
        if (source.OptionalObject("date_offset") is { } offset)
        {
            offset.OptionalInteger("amount");
            offset.OptionalEnum("unit", DateOffsetUnits);
        }

        var attributes = source.OptionalStringArray("attributes");
        if (attributes is { Count: > MaxSourceAttributes })
        {
            source.Report("attributes", $"must not have more than {MaxSourceAttributes} items");
        }

        if (attributes is { Count: > 1 })
        {
            foreach (var exclusive in new[] { "attribute_sub_field", "date_offset", "attribute_operation" })
            {
                if (source.Has(exclusive))
                {
                    source.Report(exclusive, $"cannot be combined with more than one entry in attributes");
                }
            }
        }
    }

    private static EdgeDraft ReadEdge(ObjectReader edge, int index)
    {
        var id = edge.RequiredText("id");
        var fromId = edge.RequiredText("from_id");
        var toId = edge.NullableString("to_id");
        var conditionId = edge.OptionalText("condition_id");
        var noneMet = edge.OptionalBoolean("none_met") ?? false;
        return new EdgeDraft(index, edge.Path, id, fromId, toId, conditionId, noneMet);
    }

    private static RequirementDraft ReadRequirement(ObjectReader requirement)
    {
        var when = requirement.RequiredEnum("when", RequirementConditions.All);
        var taskId = requirement.OptionalText("task_id");
        var phaseId = requirement.OptionalText("phase_id");
        RequireFor(requirement, "when", when, RequirementConditions.TaskFinished, "task_id");
        RequireFor(requirement, "when", when, RequirementConditions.PhaseFinished, "phase_id");
        return new RequirementDraft(requirement.Path, when, taskId, phaseId);
    }

    private static void ReadDueDateConfig(ObjectReader owner, DueDateOwner ownerKind, string? ownerId, List<DueDateConfigDraft> configs)
    {
        if (owner.OptionalObject("due_date_config") is not { } config)
        {
            return;
        }

        if (config.RequiredNumber("duration") is < 0)
        {
            config.Report("duration", $"must not be negative");
        }

        config.RequiredEnum("unit", TimeUnits);
        var type = config.RequiredEnum("type", DueDateTypes.All);
        var taskId = config.OptionalText("task_id");
        var phaseId = config.OptionalText("phase_id");
        RequireFor(config, "type", type, DueDateTypes.TaskFinished, "task_id");
        RequireFor(config, "type", type, DueDateTypes.PhaseFinished, "phase_id");
        if (ownerKind != DueDateOwner.Task && type is DueDateTypes.APrecedingTaskCompleted or DueDateTypes.AllPrecedingTasksCompleted)
        {
            config.Report("type", $"{type} is only allowed on tasks");
        }

        configs.Add(new DueDateConfigDraft(config.Path, ownerKind, ownerId, type, taskId, phaseId));
    }

    private static ClosingReasonReferenceDraft ReadClosingReason(ObjectReader reason)
    {
        var id = reason.RequiredText("id");
        reason.OptionalString("title");
        reason.OptionalEnum("status", ClosingReasonStatuses);
        reason.OptionalString("lastUpdateTime");
        reason.OptionalString("creationTime");
        return new ClosingReasonReferenceDraft(reason.Path, id);
    }

    private static EntitySyncDraft ReadEntitySync(ObjectReader sync)
    {
        string? eventName = null, taskTemplateId = null, phaseTemplateId = null;
        JsonPath? filterPath = null;
        if (sync.RequiredObject("trigger") is { } trigger)
        {
            eventName = trigger.RequiredEnum("event", EntitySyncEvents.All);
            if (trigger.OptionalObject("filter") is { } filter)
            {
                filterPath = filter.Path;
                taskTemplateId = filter.OptionalText("task_template_id");
                phaseTemplateId = filter.OptionalText("phase_template_id");
                ReadEntitySyncFilter(filter, eventName);
            }
        }

        if (sync.RequiredObject("value") is { } value)
        {
            var source = value.RequiredEnum("source", EntitySyncValueSources);
            value.OptionalString("value");
            RequireFor(value, "source", source, CustomValueSource, "value");
        }

        if (sync.RequiredObject("target") is { } target)
        {
            target.RequiredString("entitySchema");
            target.RequiredString("entityAttribute");
        }

        return new EntitySyncDraft(sync.Path, eventName, filterPath, taskTemplateId, phaseTemplateId);
    }

    /// <summary>S27 / D34: exactly one of the two ids, and only where the event concerns tasks or phases.</summary>
    private static void ReadEntitySyncFilter(ObjectReader filter, string? eventName)
    {
        var hasTask = filter.Has("task_template_id");
        var hasPhase = filter.Has("phase_template_id");
        if (hasTask == hasPhase)
        {
            filter.Violations.Add(filter.Path, $"must have exactly one of task_template_id and phase_template_id");
            return;
        }

        if (eventName is null)
        {
            return;
        }

        if (hasTask && !EntitySyncEvents.TargetsTasks(eventName))
        {
            filter.Report("task_template_id", $"is only allowed with task events, not {eventName}");
        }

        if (hasPhase && !EntitySyncEvents.TargetsPhases(eventName))
        {
            filter.Report("phase_template_id", $"is only allowed with phase events, not {eventName}");
        }
    }

    /// <summary>S15: each item is a user id string or a variable assignment <c>{variable, value?}</c> (D01).</summary>
    private static void ReadAssignments(ObjectReader owner)
    {
        foreach (var (item, path) in owner.OptionalArray("assigned_to")?.Items() ?? [])
        {
            switch (item.ValueKind)
            {
                case JsonValueKind.String:
                    break;
                case JsonValueKind.Object:
                    var assignment = new ObjectReader(item, path, owner.Reading);
                    assignment.RequiredString("variable");
                    if (item.TryGetProperty("value", out var resolved) && resolved.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                    {
                        assignment.OptionalStringArray("value");
                    }
                    else
                    {
                        assignment.OptionalString("value");
                    }

                    break;
                default:
                    owner.Violations.Add(path, $"must be a user id string or an object with a variable");
                    break;
            }
        }
    }

    /// <summary>Reports <paramref name="property"/> as missing when <paramref name="discriminator"/> has the value that needs it.</summary>
    private static void RequireFor(ObjectReader reader, string discriminator, string? actual, string expected, string property)
    {
        if (actual == expected && !reader.Has(property))
        {
            reader.Report(property, $"is required when {discriminator} is {expected}");
        }
    }
}

/// <summary>What reading a flow document produced.</summary>
/// <param name="HasTransientFields">Whether the document holds <c>trigger_config</c>, <c>action_config</c> or <c>duplicated_flow_id</c>.</param>
internal sealed record FlowDocumentReading(
    FlowGraphDraft Graph, IReadOnlyList<AutomationRequest> AutomationRequests, bool HasTransientFields, IReadOnlyList<JsonPath> DroppedNulls);
