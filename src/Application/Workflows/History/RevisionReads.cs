using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.Workflows.History;

/// <summary>
/// What the revision operations of flows and definitions do alike, once their handler has found the workflow (404
/// otherwise): list, read one, compare two, and take one as the body of a restore.
/// </summary>
public sealed class RevisionReads(IWorkflowRevisions revisions)
{
    public async Task<JsonObject> ListAsync(
        OrganizationId organizationId, WorkflowKind kind, string workflowId, int limit, string? cursor, CancellationToken cancellationToken)
    {
        int? before = cursor is not null && HistoryParameters.TryParseRevision(cursor, out var number) ? number : null;
        return HistoryJson.Render(await revisions.ListAsync(organizationId, kind, workflowId, limit, before, cancellationToken));
    }

    /// <exception cref="Common.NotFoundException">The workflow has no such revision (<paramref name="notFound"/>).</exception>
    public async Task<JsonObject> RepresentationAsync(
        OrganizationId organizationId, WorkflowKind kind, string workflowId, int number, Func<int, Exception> notFound, CancellationToken cancellationToken) =>
        (await FindAsync(organizationId, kind, workflowId, number, notFound, cancellationToken)).ReadRepresentation();

    /// <summary>A revision's representation as its answer: the stored text as it is.</summary>
    /// <exception cref="Common.NotFoundException">The workflow has no such revision (<paramref name="notFound"/>).</exception>
    public async Task<JsonAnswer> RepresentationAnswerAsync(
        OrganizationId organizationId, WorkflowKind kind, string workflowId, int number, Func<int, Exception> notFound, CancellationToken cancellationToken) =>
        new TextAnswer((await FindAsync(organizationId, kind, workflowId, number, notFound, cancellationToken)).RepresentationText);

    /// <summary>The changes from revision <paramref name="from"/> to revision <paramref name="to"/>, or to <paramref name="current"/> when it is null.</summary>
    public async Task<JsonObject> DiffAsync(
        OrganizationId organizationId,
        WorkflowKind kind,
        string workflowId,
        int from,
        int? to,
        JsonObject current,
        Func<int, Exception> notFound,
        CancellationToken cancellationToken)
    {
        var older = await RepresentationAsync(organizationId, kind, workflowId, from, notFound, cancellationToken);
        var newer = to is { } number ? await RepresentationAsync(organizationId, kind, workflowId, number, notFound, cancellationToken) : current;
        var changes = kind == WorkflowKind.Flow ? RepresentationDiff.OfFlows(older, newer) : RepresentationDiff.OfDefinitions(older, newer);
        return HistoryJson.Render(from, to, changes);
    }

    private async Task<WorkflowRevision> FindAsync(
        OrganizationId organizationId, WorkflowKind kind, string workflowId, int number, Func<int, Exception> notFound, CancellationToken cancellationToken) =>
        await revisions.FindAsync(organizationId, kind, workflowId, number, cancellationToken) ?? throw notFound(number);

    /// <summary>A revision's content as the body of an update that puts it back: without the server-managed fields.</summary>
    public static JsonElement RestoreBody(JsonObject representation, IReadOnlyList<string> serverManaged)
    {
        var body = (JsonObject)representation.DeepClone();
        foreach (var name in serverManaged)
        {
            body.Remove(name);
        }

        return JsonSerializer.SerializeToElement(body);
    }
}
