using System.Text.Json;
using System.Text.Json.Nodes;

namespace WorkflowDefinitions.Application.Common;

/// <summary>
/// JSON an answer writes straight into the response: a node tree (<see cref="NodeAnswer"/>), or a value that writes itself
/// without one — a stored document copied as it is rather than parsed into nodes and serialized again.
/// </summary>
public abstract class JsonAnswer
{
    /// <summary>
    /// Bytes of a stored document the answer holds until it has been sent (a slow client keeps them held); 0 when it holds
    /// nothing worth counting.
    /// </summary>
    public virtual long HeldBytes => 0;

    /// <summary>
    /// The room (<see cref="IAnswerRoom"/>) taken for the answer's document before it was read, given back once the answer
    /// has been sent; null when none was taken (an answer holding a large document then takes room before it is sent).
    /// </summary>
    public IDisposable? Room { get; private set; }

    /// <summary>This answer, holding <paramref name="room"/> until it has been sent.</summary>
    public JsonAnswer Holding(IDisposable room)
    {
        Room = room;
        return this;
    }

    public abstract void WriteTo(Utf8JsonWriter writer);

    /// <summary>
    /// Writes the same JSON as <see cref="WriteTo"/> into a response, handing text it copies as it is to
    /// <see cref="IJsonResponse.WriteRawValueAsync"/>, which sends it on in pieces (a stored document of 6 MiB never needs
    /// room of its size at once, nor waits whole in the connection's buffers for a slow client). By default, as
    /// <see cref="WriteTo"/>.
    /// </summary>
    public virtual ValueTask WriteToAsync(IJsonResponse response)
    {
        WriteTo(response.Writer);
        return ValueTask.CompletedTask;
    }

    public static JsonAnswer Of(JsonNode node) => new NodeAnswer(node);
}

/// <summary>An answer that is a node tree.</summary>
public sealed class NodeAnswer(JsonNode node) : JsonAnswer
{
    public JsonNode Node { get; } = node;

    public override void WriteTo(Utf8JsonWriter writer) => Node.WriteTo(writer);
}

/// <summary>
/// An answer that is stored JSON text, written as it is (a recorded revision's representation, stored as the answer it
/// was): no node tree is built of it.
/// </summary>
public sealed class TextAnswer(ReadOnlyMemory<byte> utf8Json) : JsonAnswer
{
    public override long HeldBytes => utf8Json.Length;

    public override void WriteTo(Utf8JsonWriter writer) => writer.WriteRawValue(utf8Json.Span, skipInputValidation: true);

    public override ValueTask WriteToAsync(IJsonResponse response) => response.WriteRawValueAsync(utf8Json);
}

/// <summary>The response a <see cref="JsonAnswer"/> is written into (see <see cref="JsonAnswer.WriteToAsync"/>).</summary>
public interface IJsonResponse
{
    /// <summary>The response's writer; it skips validation, as text copied as it is is not read again.</summary>
    Utf8JsonWriter Writer { get; }

    /// <summary>Cancelled when the client has gone.</summary>
    CancellationToken RequestAborted { get; }

    /// <summary>
    /// Writes <paramref name="utf8Json"/> as <c>Writer.WriteRawValue(utf8Json, skipInputValidation: true)</c> does (after
    /// the separator the writer puts before a value), handing it to the client piece by piece and waiting for the client
    /// to take each before the next.
    /// </summary>
    ValueTask WriteRawValueAsync(ReadOnlyMemory<byte> utf8Json);
}
