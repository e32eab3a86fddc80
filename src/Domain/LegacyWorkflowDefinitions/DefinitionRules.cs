using WorkflowDefinitions.Domain.Common;
using static WorkflowDefinitions.Domain.LegacyWorkflowDefinitions.DefinitionVocabulary;

namespace WorkflowDefinitions.Domain.LegacyWorkflowDefinitions;

/// <summary>The referential rules of a V1 definition (contract §3.4 W5-W8, D28, D32), each naming its path and the ids.</summary>
internal static class DefinitionRules
{
    public static void Check(DefinitionDraft draft, ViolationCollector violations)
    {
        var items = new Dictionary<string, DefinitionItemDraft>(StringComparer.Ordinal);
        foreach (var item in draft.Items.Where(i => i.Id is not null))
        {
            if (!items.TryAdd(item.Id!, item))
            {
                violations.Add(item.Path.Property("id"), $"'{item.Id}' is used by more than one section or step");
            }
        }

        foreach (var dueDate in draft.DynamicDueDates)
        {
            CheckDueDate(dueDate, items, violations);
        }

        foreach (var step in draft.Items.Where(i => i.Kind == Step))
        {
            foreach (var requirement in step.Requirements.Where(r => r.DefinitionId is not null && r.Type is not null))
            {
                if (!items.TryGetValue(requirement.DefinitionId!, out var required) || required.Kind != requirement.Type)
                {
                    violations.Add(requirement.Path.Property("definitionId"),
                        $"'{requirement.DefinitionId}' does not reference a {requirement.Type!.ToLowerInvariant()} of this definition ({step.Label})");
                }
                else if (ReferenceEquals(required, step))
                {
                    violations.Add(requirement.Path.Property("definitionId"), $"'{requirement.DefinitionId}' is {step.Label} itself");
                }
            }
        }

        CheckRequirementCycles(draft, items, violations);
        var reasons = new HashSet<string>(StringComparer.Ordinal);
        foreach (var reason in draft.ClosingReasons.Where(r => r.Id is not null && !reasons.Add(r.Id)))
        {
            violations.Add(reason.Path.Property("id"), $"'{reason.Id}' is listed more than once");
        }
    }

    /// <summary>D32: the ids of a closing-reason list are unique.</summary>
    public static void CheckClosingReasons(IReadOnlyList<ClosingReasonIdDraft> reasons, ViolationCollector violations)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var reason in reasons.Where(r => r.Id is not null && !ids.Add(r.Id)))
        {
            violations.Add(reason.Path.Property("id"), $"'{reason.Id}' is listed more than once");
        }
    }

    /// <summary>W6: <c>stepId</c> names another step, <c>phaseId</c> another section (V1 phases are sections).</summary>
    private static void CheckDueDate(DynamicDueDateDraft dueDate, Dictionary<string, DefinitionItemDraft> items, ViolationCollector violations)
    {
        if (dueDate.StepId is not null)
        {
            if (!items.TryGetValue(dueDate.StepId, out var step) || step.Kind != Step)
            {
                violations.Add(dueDate.Path.Property("stepId"), $"'{dueDate.StepId}' does not reference a step of this definition");
            }
            else if (ReferenceEquals(step, dueDate.Owner))
            {
                violations.Add(dueDate.Path.Property("stepId"), $"'{dueDate.StepId}' is the step itself");
            }
        }

        if (dueDate.PhaseId is not null)
        {
            if (!items.TryGetValue(dueDate.PhaseId, out var section) || section.Kind != Section)
            {
                violations.Add(dueDate.Path.Property("phaseId"), $"'{dueDate.PhaseId}' does not reference a section of this definition");
            }
            else if (ReferenceEquals(section, dueDate.Owner))
            {
                violations.Add(dueDate.Path.Property("phaseId"), $"'{dueDate.PhaseId}' is the section itself");
            }
        }
    }

    /// <summary>
    /// D28: steps must not wait on each other in a circle. A section closes when its steps have, so a step waiting for
    /// its own section waits for itself.
    /// </summary>
    private static void CheckRequirementCycles(DefinitionDraft draft, Dictionary<string, DefinitionItemDraft> items, ViolationCollector violations)
    {
        var waitsFor = items.Keys.ToDictionary(id => id, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var item in items.Values)
        {
            if (item.Section?.Id is { } sectionId && waitsFor.TryGetValue(sectionId, out var sectionWaits))
            {
                sectionWaits.Add(item.Id!);
            }

            foreach (var requirement in item.Requirements.Where(r => r.DefinitionId is not null && items.ContainsKey(r.DefinitionId) && r.DefinitionId != item.Id))
            {
                waitsFor[item.Id!].Add(requirement.DefinitionId!);
            }
        }

        if (GraphCycles.Find(waitsFor) is { } cycle)
        {
            violations.Add(JsonPath.Root.Property("flow"), $"requirements form a cycle {string.Join(" -> ", cycle)} (a step cannot wait for itself or for a section that contains it)");
        }
    }
}
