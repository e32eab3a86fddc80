using WorkflowDefinitions.Application.Workflows.History;
using WorkflowDefinitions.Domain.FlowTemplates;

namespace WorkflowDefinitions.Application.FlowTemplates;

/// <summary>The revisions flow writes record: the flow's representation right after the write, with its tag.</summary>
public sealed class FlowTemplateHistory(FlowTemplateTags tags)
{
    /// <summary>Set by the server; a revision whose content differs only in these is no new revision.</summary>
    public static IReadOnlyList<string> ServerManagedProperties { get; } = ["id", "org_id", "created_at", "updated_at", "limit_warnings"];

    /// <summary>
    /// The revision of <paramref name="flow"/> as it is about to be stored: its get answer with
    /// <paramref name="limitWarnings"/>, written straight from the flow (<see cref="FlowTemplateJson.Answer"/>), never
    /// built as a node tree.
    /// </summary>
    public RevisionRecord Record(FlowTemplate flow, IReadOnlyList<FlowLimitWarning> limitWarnings, RevisionSource source) =>
        RevisionRecord.Of(source, flow.UpdatedAt, tags.Of(flow), FlowTemplateJson.Answer(flow, limitWarnings), ServerManagedProperties);
}
