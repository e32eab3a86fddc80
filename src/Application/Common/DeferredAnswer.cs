using System.Text.Json;

namespace WorkflowDefinitions.Application.Common;

/// <summary>
/// A list's item whose large stored document is read only when it is written into the response — after the response has
/// taken room for <see cref="HeldBytes"/> — so that lists waiting for room, or refused it, have not read their documents.
/// An item deleted since it was listed is left out (nothing is written).
/// </summary>
public sealed class DeferredAnswer(long heldBytes, Func<CancellationToken, Task<JsonAnswer?>> read) : JsonAnswer
{
    /// <summary>
    /// A listed item's answer: <paramref name="answer"/> of the item, or — for an item listed unread, its document being
    /// large — one that reads it through <paramref name="find"/> (by id) when it is written, holding
    /// <paramref name="heldPerStoredByte"/> bytes per byte of its stored document.
    /// </summary>
    public static JsonAnswer For<T>(
        Listed<T> item, int heldPerStoredByte, Func<T, JsonAnswer> answer, Func<string, CancellationToken, Task<T?>> find)
        where T : class => item.Value is { } value
        ? answer(value)
        : new DeferredAnswer(
            heldPerStoredByte * item.LargerBytes,
            async token => await find(item.Id, token) is { } found ? answer(found) : null);

    public override long HeldBytes => heldBytes;

    /// <summary>Not supported: the document is read asynchronously, as the answer is written into a response.</summary>
    public override void WriteTo(Utf8JsonWriter writer) =>
        throw new NotSupportedException("A deferred answer reads its document when it is written into a response (WriteToAsync).");

    public override async ValueTask WriteToAsync(IJsonResponse response)
    {
        if (await read(response.RequestAborted) is { } answer)
        {
            await answer.WriteToAsync(response);
        }
    }
}
