using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.Workflows.History;

/// <summary>
/// What the revision operations of flows and definitions do alike, once their handler has found the workflow (404
/// otherwise): list, read one, compare two, and take one as the body of a restore. Representations are read as
/// documents or copied as text, never built as node trees (a node tree of a token-dense 2 MB representation takes
/// ~130 MB), and each operation takes room in the answers' budget (<see cref="IAnswerRoom"/>) for what it reads them
/// into before it does.
/// </summary>
public sealed class RevisionReads(IWorkflowRevisions revisions, IAnswerRoom answers)
{
    private static readonly JsonReaderOptions ReadOptions = new() { MaxDepth = WorkflowRevision.MaxDepth };

    public async Task<JsonObject> ListAsync(
        OrganizationId organizationId, WorkflowKind kind, string workflowId, int limit, string? cursor, CancellationToken cancellationToken)
    {
        int? before = cursor is not null && HistoryParameters.TryParseRevision(cursor, out var number) ? number : null;
        return HistoryJson.Render(await revisions.ListAsync(organizationId, kind, workflowId, limit, before, cancellationToken));
    }

    /// <summary>A revision's representation as its answer: the stored text as it is.</summary>
    /// <exception cref="Common.NotFoundException">The workflow has no such revision (<paramref name="notFound"/>).</exception>
    public async Task<JsonAnswer> RepresentationAnswerAsync(
        OrganizationId organizationId, WorkflowKind kind, string workflowId, int number, Func<int, Exception> notFound, CancellationToken cancellationToken) =>
        new TextAnswer((await FindAsync(organizationId, kind, workflowId, number, notFound, cancellationToken)).RepresentationText);

    /// <summary>
    /// The changes from revision <paramref name="from"/> to revision <paramref name="to"/>, or — when it is null — to
    /// <paramref name="current"/>, the workflow's answer now: both representations read as documents once room has been taken for them and for the answer
    /// (<see cref="DocumentBytes"/> of each, and their text again for the values the answer writes), the answer written
    /// from them and holding the room until it has been sent.
    /// </summary>
    /// <exception cref="Common.NotFoundException">The workflow has no such revision (<paramref name="notFound"/>).</exception>
    public async Task<JsonAnswer> DiffAsync(
        OrganizationId organizationId,
        WorkflowKind kind,
        string workflowId,
        int from,
        int? to,
        JsonAnswer? current,
        Func<int, Exception> notFound,
        CancellationToken cancellationToken)
    {
        var olderText = (await FindAsync(organizationId, kind, workflowId, from, notFound, cancellationToken)).RepresentationText;
        var newerText = to is { } number
            ? (await FindAsync(organizationId, kind, workflowId, number, notFound, cancellationToken)).RepresentationText
            : Written(current ?? throw new ArgumentNullException(nameof(current), "A diff to the workflow as it is now needs its answer."));
        var held = DocumentBytes.Of(olderText.Span) + DocumentBytes.Of(newerText.Span) + olderText.Length + newerText.Length;
        var room = await answers.TakeAsync(organizationId, held, cancellationToken);
        var older = Read(olderText.Span);
        var newer = Read(newerText.Span);
        var changes = kind == WorkflowKind.Flow ? RepresentationDiff.OfFlows(older, newer) : RepresentationDiff.OfDefinitions(older, newer);
        return new DiffAnswer(from, to, changes).Holding(room);
    }

    /// <summary>
    /// A revision's content as the body of an update that puts it back: its representation without the top-level
    /// <paramref name="serverManaged"/> fields, the other properties' values copied as they are written — once room has
    /// been taken for it, held until the restore's response is done: the text, the body's document, and as much again
    /// for the update that reads the body as a flow or definition (<see cref="DocumentBytes"/>).
    /// </summary>
    /// <exception cref="Common.NotFoundException">The workflow has no such revision (<paramref name="notFound"/>).</exception>
    public async Task<JsonElement> RestoreBodyAsync(
        OrganizationId organizationId,
        WorkflowKind kind,
        string workflowId,
        int number,
        IReadOnlyCollection<string> serverManaged,
        Func<int, Exception> notFound,
        CancellationToken cancellationToken)
    {
        var text = (await FindAsync(organizationId, kind, workflowId, number, notFound, cancellationToken)).RepresentationText;
        await answers.TakeAsync(organizationId, text.Length + (2 * DocumentBytes.Of(text.Span)), cancellationToken);
        var body = new ArrayBufferWriter<byte>(text.Length);
        using (var writer = new Utf8JsonWriter(body, new JsonWriterOptions { SkipValidation = true }))
        {
            var reader = new Utf8JsonReader(text.Span, ReadOptions);
            reader.Read();
            writer.WriteStartObject();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                if (!serverManaged.Contains(name))
                {
                    writer.WritePropertyName(name);
                    writer.WriteRawValue(text.Span[start..(int)reader.BytesConsumed], skipInputValidation: true);
                }
            }

            writer.WriteEndObject();
        }

        return Read(body.WrittenSpan);
    }

    private async Task<WorkflowRevision> FindAsync(
        OrganizationId organizationId, WorkflowKind kind, string workflowId, int number, Func<int, Exception> notFound, CancellationToken cancellationToken) =>
        await revisions.FindAsync(organizationId, kind, workflowId, number, cancellationToken) ?? throw notFound(number);

    /// <summary>A representation as a document of its own (its text copied, its tokens indexed; no nodes).</summary>
    private static JsonElement Read(ReadOnlySpan<byte> text)
    {
        var reader = new Utf8JsonReader(text, ReadOptions);
        return JsonElement.ParseValue(ref reader);
    }

    /// <summary>The JSON text an answer writes.</summary>
    private static ReadOnlyMemory<byte> Written(JsonAnswer answer)
    {
        var text = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(text, new JsonWriterOptions { SkipValidation = true }))
        {
            answer.WriteTo(writer);
        }

        return text.WrittenMemory;
    }
}
