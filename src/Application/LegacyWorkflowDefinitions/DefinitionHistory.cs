using System.Text.Json.Nodes;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Common.Preconditions;
using WorkflowDefinitions.Application.Workflows.History;
using WorkflowDefinitions.Domain.LegacyWorkflowDefinitions;

namespace WorkflowDefinitions.Application.LegacyWorkflowDefinitions;

/// <summary>The revisions definition writes record: the definition's representation right after the write, with its tag.</summary>
public static class DefinitionHistory
{
    /// <summary>Set by the server; a revision whose content differs only in these is no new revision.</summary>
    public static IReadOnlyList<string> ServerManagedProperties { get; } = ["id", "creationTime", "lastUpdateTime"];

    public static RevisionRecord Record(WorkflowDefinition definition, JsonObject representation, RevisionSource source) =>
        RevisionRecord.Of(source, definition.LastUpdateTime, EntityTag.Of(definition.Revision), JsonAnswer.Of(representation), ServerManagedProperties);
}
