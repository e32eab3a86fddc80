using System.Globalization;
using System.Text.Json.Nodes;
using WorkflowDefinitions.Application.Common;

namespace WorkflowDefinitions.Application.Workflows.History;

/// <summary>The JSON of the history operations: revision lists, diffs and the change feed.</summary>
public static class HistoryJson
{
    /// <summary><c>{"results": [{revision, created_at, source, etag}], "next_cursor"}</c>.</summary>
    public static JsonObject Render(RevisionPage page)
    {
        var results = new JsonArray();
        foreach (var revision in page.Revisions)
        {
            results.Add(new JsonObject
            {
                ["revision"] = revision.Number,
                ["created_at"] = Timestamps.ToApiString(revision.CreatedAt),
                ["source"] = revision.Source.ToName(),
                ["etag"] = revision.ETag,
            });
        }

        return new JsonObject
        {
            ["results"] = results,
            ["next_cursor"] = page.NextBefore?.ToString(CultureInfo.InvariantCulture),
        };
    }

    /// <summary><c>{"changes": [{cursor, type, flow_id, revision, at}], "next_cursor"}</c>.</summary>
    public static JsonObject Render(FlowChangePage page)
    {
        var changes = new JsonArray();
        foreach (var change in page.Changes)
        {
            changes.Add(new JsonObject
            {
                ["cursor"] = Cursor(change.Sequence),
                ["type"] = change.Type.ToName(),
                ["flow_id"] = change.FlowId,
                ["revision"] = change.Revision,
                ["at"] = Timestamps.ToApiString(change.At),
            });
        }

        return new JsonObject { ["changes"] = changes, ["next_cursor"] = Cursor(page.NextAfter) };
    }

    public static string Cursor(long sequence) => sequence.ToString(CultureInfo.InvariantCulture);
}
