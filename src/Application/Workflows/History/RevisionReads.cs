using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.Workflows.History;

/// <summary>
/// What the revision operations of flows and definitions do alike, once their handler has found the workflow (404
/// otherwise): list, read one, compare two, and take one as the body of a restore. Representations are read as
/// documents or copied as text, never built as node trees (a node tree of a token-dense 2 MB representation takes
/// ~130 MB), and each operation takes room in the answers' budget (<see cref="IAnswerRoom"/>) for what it reads them
/// into before it reads them: the store first gives a large representation's size only.
/// </summary>
public sealed class RevisionReads(IWorkflowRevisions revisions, IAnswerRoom answers)
{
    /// <summary>What a diff holds per byte of the two representations: both read as documents, and the answer.</summary>
    private const int DiffHeldPerTextByte = DocumentBytes.AtMostPerTextByte + 1;

    private static readonly JsonDocumentOptions ReadOptions = new() { MaxDepth = WorkflowRevision.MaxDepth };

    public async Task<JsonObject> ListAsync(
        OrganizationId organizationId, WorkflowKind kind, string workflowId, int limit, string? cursor, CancellationToken cancellationToken)
    {
        int? before = cursor is not null && HistoryParameters.TryParseRevision(cursor, out var number) ? number : null;
        return HistoryJson.Render(await revisions.ListAsync(organizationId, kind, workflowId, limit, before, cancellationToken));
    }

    /// <summary>A revision's representation as its answer: the stored text as it is, a large one read once it has room.</summary>
    /// <exception cref="Common.NotFoundException">The workflow has no such revision (<paramref name="notFound"/>).</exception>
    public async Task<JsonAnswer> RepresentationAnswerAsync(
        OrganizationId organizationId, WorkflowKind kind, string workflowId, int number, Func<int, Exception> notFound, CancellationToken cancellationToken)
    {
        var (revision, room) = await ReadAsync(organizationId, kind, workflowId, number, heldPerTextByte: 1, cancellationToken);
        var answer = new TextAnswer((revision ?? throw notFound(number)).RepresentationText);
        return room is null ? answer : answer.Holding(room);
    }

    /// <summary>
    /// The changes from revision <paramref name="from"/> to revision <paramref name="to"/>, or — when it is null — to
    /// <paramref name="current"/>, the workflow's answer now: the sizes of large representations are read first, room
    /// for both documents and the answer is taken (<see cref="DiffHeldPerTextByte"/>), then they are read and compared;
    /// the answer is written from them and holds the room until it has been sent.
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
        const int MaxUnreadBytes = IAnswerRoom.SmallAnswerBytes / DiffHeldPerTextByte;
        var older = await revisions.FindUnlessLargerAsync(organizationId, kind, workflowId, from, MaxUnreadBytes, cancellationToken);
        if (!older.IsFound)
        {
            throw notFound(from);
        }

        UnlessLarger<WorkflowRevision>? newer = null;
        var currentText = ReadOnlyMemory<byte>.Empty;
        if (to is { } number)
        {
            newer = await revisions.FindUnlessLargerAsync(organizationId, kind, workflowId, number, MaxUnreadBytes, cancellationToken);
            if (!newer.Value.IsFound)
            {
                throw notFound(number);
            }
        }
        else
        {
            currentText = Written(current ?? throw new ArgumentNullException(nameof(current), "A diff to the workflow as it is now needs its answer."));
        }

        var room = await answers.TakeAsync(
            organizationId, DiffHeldPerTextByte * (SizeOf(older) + (newer is { } unread ? SizeOf(unread) : currentText.Length)), cancellationToken);
        var olderJson = Read(await TextAsync(older, organizationId, kind, workflowId, from, notFound, cancellationToken));
        var newerJson = Read(newer is { } found ? await TextAsync(found, organizationId, kind, workflowId, to!.Value, notFound, cancellationToken) : currentText);
        var changes = kind == WorkflowKind.Flow ? RepresentationDiff.OfFlows(olderJson, newerJson) : RepresentationDiff.OfDefinitions(olderJson, newerJson);
        return new DiffAnswer(from, to, changes).Holding(room);
    }

    /// <summary>
    /// A revision's content as the body of an update that puts it back: its representation without the top-level
    /// <paramref name="serverManaged"/> fields, the other properties' values copied as they are written — read once room
    /// has been taken for it (<see cref="DocumentBytes.CopiedPerTextByte"/>), held until the restore's response is done,
    /// as a request's body is.
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
        var (revision, _) = await ReadAsync(organizationId, kind, workflowId, number, DocumentBytes.CopiedPerTextByte, cancellationToken);
        return Read(JsonObjectCopy.Text((revision ?? throw notFound(number)).RepresentationText.Span, serverManaged));
    }

    /// <summary>One revision, a large one read once room for <paramref name="heldPerTextByte"/> times its size has been taken.</summary>
    private Task<(WorkflowRevision? Found, IDisposable? Room)> ReadAsync(
        OrganizationId organizationId, WorkflowKind kind, string workflowId, int number, int heldPerTextByte, CancellationToken cancellationToken) =>
        answers.ReadAsync(
            organizationId,
            heldPerTextByte,
            revision => revision.RepresentationText.Length,
            (maxBytes, token) => revisions.FindUnlessLargerAsync(organizationId, kind, workflowId, number, maxBytes, token),
            token => revisions.FindAsync(organizationId, kind, workflowId, number, token),
            cancellationToken);

    private static long SizeOf(UnlessLarger<WorkflowRevision> revision) => revision.Value?.RepresentationText.Length ?? revision.LargerBytes;

    /// <summary>The representation read with its size, or — a large one — read now (gone meanwhile: not found).</summary>
    private async Task<ReadOnlyMemory<byte>> TextAsync(
        UnlessLarger<WorkflowRevision> revision,
        OrganizationId organizationId,
        WorkflowKind kind,
        string workflowId,
        int number,
        Func<int, Exception> notFound,
        CancellationToken cancellationToken) =>
        (revision.Value ?? await revisions.FindAsync(organizationId, kind, workflowId, number, cancellationToken) ?? throw notFound(number)).RepresentationText;

    /// <summary>
    /// A representation as a document (its tokens indexed; no nodes) in pooled memory, disposed once the response is done:
    /// the answer, or the write, reads it until then. Its rows come from the shared pool and go back to it, instead of a
    /// new array on the large-object heap for every document read (a diff of two 2 MB revisions of a million values
    /// allocated 27 MB there).
    /// </summary>
    private JsonElement Read(ReadOnlyMemory<byte> text)
    {
        var document = JsonDocument.Parse(text, ReadOptions);
        answers.HoldUntilSent(document);
        return document.RootElement;
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
