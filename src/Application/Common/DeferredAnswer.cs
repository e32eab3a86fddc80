using System.Text.Json;

namespace WorkflowDefinitions.Application.Common;

/// <summary>
/// A list's item whose large stored document is read only when it is written into the response — after the response has
/// taken room for <see cref="HeldBytes"/> — so that lists waiting for room, or refused it, have not read their documents.
/// An item deleted since it was listed is left out (nothing is written).
/// </summary>
public sealed class DeferredAnswer(long heldBytes, Func<CancellationToken, Task<JsonAnswer?>> read) : JsonAnswer
{
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
