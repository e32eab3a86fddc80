using System.Text.Json.Nodes;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Common.Preconditions;
using WorkflowDefinitions.Application.Workflows.History;

namespace WorkflowDefinitions.Application.UnitTests.Workflows.History;

/// <summary>Revisions recorded as a write's handler records them; their source, time and tag do not matter to these tests.</summary>
internal static class TestRevisions
{
    public static RevisionRecord Record(JsonNode representation, params string[] serverManaged) =>
        RevisionRecord.Of(RevisionSource.Update, DateTimeOffset.UnixEpoch, EntityTag.Of(1), JsonAnswer.Of(representation), serverManaged);
}
