using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.Common;

/// <summary>
/// Room for the stored documents answers hold until their clients have taken them (the Api's request budget): a read of a
/// large document takes its room before it reads the document, so that clients that read slowly — or are refused — do
/// not make the process read more documents than it may hold.
/// </summary>
public interface IAnswerRoom
{
    /// <summary>Answers holding at most this many bytes of a stored document need no room.</summary>
    public const int SmallAnswerBytes = 64 * 1024;

    /// <summary>
    /// Waits for room for <paramref name="bytes"/> of a stored document until the answer holding them is sent: disposing
    /// the result gives it back, and the end of the request does at the latest, however it ends. Throws the busy error
    /// (503) when there is none in time.
    /// </summary>
    Task<IDisposable> TakeAsync(OrganizationId organizationId, long bytes, CancellationToken cancellationToken);

    /// <summary>
    /// Disposes <paramref name="held"/> once the request's response is done, however it ends, as its room is given back:
    /// a document parsed into pooled memory that the answer, or the write it feeds, reads until then.
    /// </summary>
    void HoldUntilSent(IDisposable held);
}

/// <summary>A read of one stored item whose answer holds its document, taking room for a large one before reading it.</summary>
public static class AnswerRoomReads
{
    /// <summary>
    /// Reads through <paramref name="readUnlessLarger"/> an item whose answer holds <paramref name="heldPerStoredByte"/>
    /// bytes per byte of its stored document: at once when that is at most <see cref="IAnswerRoom.SmallAnswerBytes"/>;
    /// otherwise once room for it has been taken, through <paramref name="read"/>, the item returned with its room (null
    /// when it was deleted meanwhile, its room given back). An item returned at once whose answer still holds more than
    /// that (a store measures its documents its own way) takes its room (<paramref name="storedBytes"/> of it) then, before it is used.
    /// </summary>
    public static async Task<(T? Found, IDisposable? Room)> ReadAsync<T>(
        this IAnswerRoom answers,
        OrganizationId organizationId,
        int heldPerStoredByte,
        Func<T, long> storedBytes,
        Func<int, CancellationToken, Task<UnlessLarger<T>>> readUnlessLarger,
        Func<CancellationToken, Task<T?>> read,
        CancellationToken cancellationToken)
        where T : class
    {
        var small = await readUnlessLarger(IAnswerRoom.SmallAnswerBytes / heldPerStoredByte, cancellationToken);
        if (!small.IsLarger)
        {
            var held = small.Value is { } whole ? heldPerStoredByte * storedBytes(whole) : 0;
            return held > IAnswerRoom.SmallAnswerBytes ? (small.Value, await answers.TakeAsync(organizationId, held, cancellationToken)) : (small.Value, null);
        }

        var room = await answers.TakeAsync(organizationId, heldPerStoredByte * small.LargerBytes, cancellationToken);
        var found = await read(cancellationToken);
        if (found is null)
        {
            room.Dispose();
            return (null, null);
        }

        return (found, room);
    }
}
