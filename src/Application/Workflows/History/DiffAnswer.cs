using System.Text.Json;
using WorkflowDefinitions.Application.Common;

namespace WorkflowDefinitions.Application.Workflows.History;

/// <summary>
/// A diff's answer, <c>{"from", "to", "changes": [{op, entity, id, path, old, new}]}</c> (<c>to</c> is <c>"current"</c>
/// when the newer side is the workflow as it is now), written from the compared representations' documents the changes
/// point into: no node tree of it is built, and no value is copied before it is written.
/// </summary>
public sealed class DiffAnswer(int from, int? to, IReadOnlyList<DiffChange> changes) : JsonAnswer
{
    public override void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteNumber("from", from);
        if (to is { } number)
        {
            writer.WriteNumber("to", number);
        }
        else
        {
            writer.WriteString("to", HistoryParameters.Current);
        }

        writer.WriteStartArray("changes");
        foreach (var change in changes)
        {
            writer.WriteStartObject();
            writer.WriteString("op", change.Op);
            writer.WriteString("entity", change.Entity);
            writer.WriteString("id", change.Id);
            writer.WriteString("path", change.Path);
            WriteValue(writer, "old", change.Old);
            WriteValue(writer, "new", change.New);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, string name, DiffValue? value)
    {
        writer.WritePropertyName(name);
        if (value is { } written)
        {
            written.WriteTo(writer);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
