using System.Text.Json;
using WorkflowDefinitions.Domain.Common;
using static WorkflowDefinitions.Domain.LegacyWorkflowDefinitions.DefinitionVocabulary;

namespace WorkflowDefinitions.Domain.LegacyWorkflowDefinitions;

/// <summary>
/// Reads a V1 definition against the schema (contract §3.4 W1-W10, D38, D52, D10, D14, D60): every known property is
/// type-checked and every problem recorded with its path. Unknown properties are not looked at.
/// </summary>
internal sealed class DefinitionDocumentParser
{
    /// <summary>Set by the server (§1.4), or never kept (D06: the organization only comes from the token).</summary>
    public static IReadOnlyList<string> DroppedProperties { get; } = ["id", "creationTime", "lastUpdateTime", "org_id", "orgId"];

    private readonly List<DefinitionItemDraft> _items = [];
    private readonly List<DynamicDueDateDraft> _dueDates = [];
    private readonly List<JsonPath> _missingIds = [];

    public static DefinitionDocumentReading Parse(JsonElement document, ViolationCollector violations)
    {
        var reading = new DocumentReading(violations);
        var parser = new DefinitionDocumentParser();
        var closingReasons = parser.ReadDefinition(new ObjectReader(document, JsonPath.Root, reading));
        return new DefinitionDocumentReading(new DefinitionDraft(parser._items, parser._dueDates, closingReasons), reading.DroppedNulls, parser._missingIds);
    }

    /// <summary>W8: the closing reasons of a definition, or of a setWorkflowClosingReasons body (<c>reasons</c>).</summary>
    public static IReadOnlyList<ClosingReasonIdDraft> ReadClosingReasons(ArrayReader? reasons)
    {
        var drafts = new List<ClosingReasonIdDraft>();
        foreach (var (reason, _) in reasons?.Objects() ?? [])
        {
            drafts.Add(new ClosingReasonIdDraft(reason.Path, reason.RequiredText("id")));
        }

        return drafts;
    }

    private IReadOnlyList<ClosingReasonIdDraft> ReadDefinition(ObjectReader definition)
    {
        definition.RequiredText("name");
        definition.OptionalString("description");
        definition.OptionalBoolean("enabled");
        definition.OptionalDate("dueDate");
        ReadDynamicDueDate(definition, ownerItem: null);
        ReadUserIds(definition);
        definition.OptionalStringArray("assignedTo");
        definition.OptionalBoolean("enableECPWorkflow");
        definition.OptionalStringArray("taxonomies");
        definition.OptionalBoolean("singleClosingReasonSelection");
        definition.OptionalStringArray("_manifest");

        foreach (var (item, _) in definition.RequiredArray("flow")?.Objects() ?? [])
        {
            switch (item.RequiredEnum("type", ItemTypes))
            {
                case Section:
                    ReadSection(item);
                    break;
                case Step:
                    ReadStep(item, section: null);
                    break;
            }
        }

        foreach (var (attributes, _) in definition.OptionalArray("updateEntityAttributes")?.Objects() ?? [])
        {
            attributes.RequiredEnum("source", EntityAttributeSources);
            if (attributes.RequiredObject("target") is { } target)
            {
                target.RequiredString("entitySchema");
                target.RequiredString("entityAttribute");
            }
        }

        return ReadClosingReasons(definition.OptionalArray("closingReasons"));
    }

    private void ReadSection(ObjectReader section)
    {
        var draft = ReadItem(section, Section, null, []);
        section.RequiredInteger("order");
        section.OptionalDate("dueDate");
        section.OptionalStringArray("assignedTo");
        section.OptionalStringArray("taxonomies");
        ReadDynamicDueDate(section, draft);
        foreach (var (step, _) in section.RequiredArray("steps")?.Objects() ?? [])
        {
            var type = step.RequiredEnum("type", ItemTypes);
            if (type == Section)
            {
                step.Report("type", $"must be STEP: sections cannot be nested");
            }
            else if (type == Step)
            {
                ReadStep(step, draft);
            }
        }
    }

    private void ReadStep(ObjectReader step, DefinitionItemDraft? section)
    {
        var requirements = new List<StepRequirementDraft>();
        foreach (var (requirement, _) in step.OptionalArray("requirements")?.Objects() ?? [])
        {
            var definitionId = requirement.RequiredText("definitionId");
            var type = requirement.RequiredEnum("type", ItemTypes);
            requirement.RequiredEnum("condition", RequirementConditions);
            requirements.Add(new StepRequirementDraft(requirement.Path, definitionId, type));
        }

        var draft = ReadItem(step, Step, section, requirements);
        step.RequiredInteger("order");
        SharedStepParts.ReadDescription(step);

        var executionType = step.OptionalEnum("executionType", ExecutionTypes);
        var automationConfig = step.OptionalObject("automationConfig");
        automationConfig?.RequiredText("flowId");
        if (executionType == Automation && automationConfig is null && !step.Has("automationConfig"))
        {
            step.Report("automationConfig", $"is required when executionType is AUTOMATION (with a flowId)");
        }

        SharedStepParts.ReadJourney(step);

        step.OptionalDate("dueDate");
        ReadDynamicDueDate(step, draft);
        ReadUserIds(step);
        step.OptionalStringArray("assignedTo");
        step.OptionalStringArray("taxonomies");
        SharedStepParts.ReadPortalDetails(step);
    }

    /// <summary>Common to sections and steps: the name and the id, which is generated later when absent (W5).</summary>
    private DefinitionItemDraft ReadItem(ObjectReader item, string kind, DefinitionItemDraft? section, IReadOnlyList<StepRequirementDraft> requirements)
    {
        item.RequiredString("name");
        var id = item.OptionalText("id");
        if (!item.Has("id"))
        {
            _missingIds.Add(item.Path);
        }

        var draft = new DefinitionItemDraft(item.Path, id, kind, section, requirements);
        _items.Add(draft);
        return draft;
    }

    /// <summary>W6 / D30: the due date is a number of time units after an event; the event's step or section is named.</summary>
    private void ReadDynamicDueDate(ObjectReader owner, DefinitionItemDraft? ownerItem)
    {
        if (owner.OptionalObject("dynamicDueDate") is not { } dueDate)
        {
            return;
        }

        if (dueDate.RequiredNumber("numberOfUnits") is < 0)
        {
            dueDate.Report("numberOfUnits", $"must not be negative");
        }

        dueDate.RequiredEnum("timePeriod", TimePeriods);
        var condition = dueDate.RequiredEnum("actionTypeCondition", DueDateConditions);
        var stepId = dueDate.OptionalText("stepId");
        var phaseId = dueDate.OptionalText("phaseId");
        if (condition == StepClosed && !dueDate.Has("stepId"))
        {
            dueDate.Report("stepId", $"is required when actionTypeCondition is STEP_CLOSED");
        }

        if (condition == PhaseFinished && !dueDate.Has("phaseId"))
        {
            dueDate.Report("phaseId", $"is required when actionTypeCondition is PHASE_FINISHED");
        }

        _dueDates.Add(new DynamicDueDateDraft(dueDate.Path, ownerItem, condition, stepId, phaseId));
    }

    /// <summary>W10: the deprecated <c>userIds</c> are numbers.</summary>
    private static void ReadUserIds(ObjectReader owner)
    {
        foreach (var (item, path) in owner.OptionalArray("userIds")?.Items() ?? [])
        {
            if (item.ValueKind != JsonValueKind.Number)
            {
                owner.Violations.Add(path, $"must be a number");
            }
        }
    }
}

/// <summary>What reading a definition produced: its draft, the <c>null</c>s to drop and the items that need an id.</summary>
internal sealed record DefinitionDocumentReading(DefinitionDraft Draft, IReadOnlyList<JsonPath> DroppedNulls, IReadOnlyList<JsonPath> MissingIds);
