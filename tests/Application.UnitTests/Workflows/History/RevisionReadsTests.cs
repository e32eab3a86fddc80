using System.Text;
using System.Text.Json;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.FlowTemplates;
using WorkflowDefinitions.Application.Workflows.History;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.UnitTests.Workflows.History;

/// <summary>
/// The representations a diff compares, and the copy a restore writes, are parsed into pooled memory that the response
/// holds: what the answer (or the write) reads stays readable until the response is done, and is given back then.
/// </summary>
public class RevisionReadsTests
{
    private const string First = """{"id":"f1","name":"Lead","created_at":"2026-01-01T00:00:00.000Z","updated_at":"2026-01-01T00:00:00.000Z","tasks":[],"edges":[]}""";
    private const string Second = """{"id":"f1","name":"Lead renamed","created_at":"2026-01-01T00:00:00.000Z","updated_at":"2026-01-02T00:00:00.000Z","tasks":[],"edges":[]}""";

    private static readonly OrganizationId Organization = new("org-a");

    [Test]
    public async Task ADiff_HoldsBothRepresentations_UntilItsResponseIsDone()
    {
        var room = new HoldingRoom();
        var reads = new RevisionReads(new TwoRevisions(), room);

        var answer = await reads.DiffAsync(Organization, WorkflowKind.Flow, "f1", 1, 2, current: null, NotFound, CancellationToken.None);
        var whileHeld = Written(answer);
        room.SendResponse();

        Assert.Multiple(() =>
        {
            Assert.That(room.HeldCount, Is.EqualTo(2));
            Assert.That(whileHeld, Is.EqualTo("""{"from":1,"to":2,"changes":[{"op":"replace","entity":"flow","id":null,"path":"/name","old":"Lead","new":"Lead renamed"}]}"""));
            Assert.That(() => Written(answer), Throws.InstanceOf<ObjectDisposedException>(), "the documents went back to the pool with the response");
        });
    }

    [Test]
    public async Task ARestoresBody_IsTheRevisionWithoutServerManagedFields_HeldUntilItsResponseIsDone()
    {
        var room = new HoldingRoom();
        var reads = new RevisionReads(new TwoRevisions(), room);

        var body = await reads.RestoreBodyAsync(Organization, WorkflowKind.Flow, "f1", 1, FlowTemplateHistory.ServerManagedProperties, NotFound, CancellationToken.None);
        var whileHeld = body.GetRawText();
        room.SendResponse();

        Assert.Multiple(() =>
        {
            Assert.That(room.HeldCount, Is.EqualTo(1));
            Assert.That(whileHeld, Is.EqualTo("""{"name":"Lead","tasks":[],"edges":[]}"""));
            Assert.That(() => body.GetRawText(), Throws.InstanceOf<ObjectDisposedException>());
        });
    }

    private static Exception NotFound(int number) => new InvalidOperationException($"revision {number} is stored");

    private static string Written(JsonAnswer answer)
    {
        using var text = new MemoryStream();
        using (var writer = new Utf8JsonWriter(text))
        {
            answer.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(text.ToArray());
    }

    /// <summary>Room always there; what a read holds is disposed when the test sends the response.</summary>
    private sealed class HoldingRoom : IAnswerRoom
    {
        private readonly List<IDisposable> _held = [];

        public int HeldCount => _held.Count;

        public Task<IDisposable> TakeAsync(OrganizationId organizationId, long bytes, CancellationToken cancellationToken) =>
            Task.FromResult<IDisposable>(new NoRoom());

        public void HoldUntilSent(IDisposable held) => _held.Add(held);

        public void SendResponse() => _held.ForEach(held => held.Dispose());

        private sealed class NoRoom : IDisposable
        {
            public void Dispose()
            {
            }
        }
    }

    /// <summary>Revisions 1 and 2 of flow f1.</summary>
    private sealed class TwoRevisions : IWorkflowRevisions
    {
        public Task<RevisionPage> ListAsync(
            OrganizationId organizationId, WorkflowKind kind, string workflowId, int limit, int? before, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<WorkflowRevision?> FindAsync(OrganizationId organizationId, WorkflowKind kind, string workflowId, int number, CancellationToken cancellationToken) =>
            Task.FromResult(Revision(number));

        public Task<UnlessLarger<WorkflowRevision>> FindUnlessLargerAsync(
            OrganizationId organizationId, WorkflowKind kind, string workflowId, int number, int maxBytes, CancellationToken cancellationToken) =>
            Task.FromResult(UnlessLarger.Found(Revision(number)));

        public IAsyncEnumerable<(OrganizationId OrganizationId, string WorkflowId)> WithoutRevisionsAsync(WorkflowKind kind, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task AddFirstAsync(OrganizationId organizationId, WorkflowKind kind, string workflowId, RevisionRecord record, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        private static WorkflowRevision? Revision(int number) => number switch
        {
            1 => new WorkflowRevision(new RevisionSummary(1, DateTimeOffset.UnixEpoch, RevisionSource.Create, "\"1\""), Encoding.UTF8.GetBytes(First)),
            2 => new WorkflowRevision(new RevisionSummary(2, DateTimeOffset.UnixEpoch, RevisionSource.Update, "\"2\""), Encoding.UTF8.GetBytes(Second)),
            _ => null,
        };
    }
}
