using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.UnitTests.Common;

/// <summary>A read whose answer holds a large document takes the room for it before it reads it.</summary>
public class AnswerRoomReadsTests
{
    private static readonly OrganizationId Organization = new("org-room");

    [Test]
    public async Task ASmallDocument_IsReadAtOnce_WithoutRoom()
    {
        var room = new RecordingRoom();
        var reads = new List<string>();

        var (found, held) = await room.ReadAsync(
            Organization,
            heldPerStoredByte: 3,
            text => text.Length,
            (maxBytes, _) => { reads.Add($"unless larger than {maxBytes}"); return Task.FromResult(UnlessLarger.Found("small")); },
            _ => { reads.Add("whole"); return Task.FromResult<string?>("whole"); },
            CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That((found, held), Is.EqualTo(("small", (IDisposable?)null)));
            Assert.That(reads, Is.EqualTo(new[] { $"unless larger than {IAnswerRoom.SmallAnswerBytes / 3}" }));
            Assert.That(room.Taken, Is.Empty);
        });
    }

    [Test]
    public async Task ALargerDocument_IsReadOnceItsRoomIsTaken_AndReturnedWithIt()
    {
        var room = new RecordingRoom();
        var reads = new List<string>();

        var (found, held) = await room.ReadAsync(
            Organization,
            heldPerStoredByte: 3,
            text => text.Length,
            (_, _) => Task.FromResult(UnlessLarger.Larger<string>(100_000)),
            _ => { reads.Add($"whole, rooms taken: {room.Taken.Count}"); return Task.FromResult<string?>("large"); },
            CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(found, Is.EqualTo("large"));
            Assert.That(room.Taken, Is.EqualTo(new[] { 300_000L }), "three bytes held per stored byte");
            Assert.That(reads, Is.EqualTo(new[] { "whole, rooms taken: 1" }));
            Assert.That(held, Is.SameAs(room.Lease));
            Assert.That(room.Lease.Disposed, Is.False);
        });
    }

    [Test]
    public async Task ALargerDocument_DeletedWhileItsRoomWasTaken_IsNotFound_AndGivesTheRoomBack()
    {
        var room = new RecordingRoom();

        var (found, held) = await room.ReadAsync(
            Organization,
            heldPerStoredByte: 1,
            text => text.Length,
            (_, _) => Task.FromResult(UnlessLarger.Larger<string>(100_000)),
            _ => Task.FromResult<string?>(null),
            CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That((found, held), Is.EqualTo(((string?)null, (IDisposable?)null)));
            Assert.That(room.Lease.Disposed, Is.True);
        });
    }

    [Test]
    public async Task ALargeDocumentReturnedAtOnce_TakesItsRoomBeforeItIsUsed()
    {
        var room = new RecordingRoom();
        var whole = new string('x', 30_000);

        var (found, held) = await room.ReadAsync(
            Organization,
            heldPerStoredByte: 3,
            text => text.Length,
            (_, _) => Task.FromResult(UnlessLarger.Found(whole)),
            _ => Task.FromResult<string?>("never"),
            CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(found, Is.SameAs(whole));
            Assert.That(room.Taken, Is.EqualTo(new[] { 90_000L }));
            Assert.That(held, Is.SameAs(room.Lease));
        });
    }

    [Test]
    public async Task NothingStored_IsNotFound_WithoutRoom()
    {
        var room = new RecordingRoom();

        var (found, held) = await room.ReadAsync(
            Organization, heldPerStoredByte: 1, text => text.Length, (_, _) => Task.FromResult(UnlessLarger.Found<string>(null)), _ => Task.FromResult<string?>("never"), CancellationToken.None);

        Assert.That((found, held, room.Taken.Count), Is.EqualTo(((string?)null, (IDisposable?)null, 0)));
    }

    private sealed class RecordingRoom : IAnswerRoom
    {
        public List<long> Taken { get; } = [];

        public RecordingLease Lease { get; } = new();

        public Task<IDisposable> TakeAsync(OrganizationId organizationId, long bytes, CancellationToken cancellationToken)
        {
            Taken.Add(bytes);
            return Task.FromResult<IDisposable>(Lease);
        }

        public void HoldUntilSent(IDisposable held) => throw new InvalidOperationException("a read of one item holds nothing but its room");
    }

    private sealed class RecordingLease : IDisposable
    {
        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }
}
