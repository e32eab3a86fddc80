using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Formatters;
using WorkflowDefinitions.Api.Auth;
using WorkflowDefinitions.Application.Common;

namespace WorkflowDefinitions.Api.Json;

/// <summary>
/// Writes JSON answers (<see cref="JsonNode"/>s, <see cref="JsonAnswer"/>s and <see cref="StreamedList"/>s) straight into the response, handing the
/// bytes to the connection every 32 KiB between items. The framework's formatter would first serialize the whole answer
/// into one pooled buffer as large as the answer; here no answer, however long, is held in memory as a whole, and a
/// list is written while its items are still being read from the store.
/// </summary>
public sealed partial class StreamingJsonOutputFormatter : TextOutputFormatter
{
    private const int FlushBytes = 32 * 1024;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        MaxDepth = 128,
        SkipValidation = true,
    };

    public StreamingJsonOutputFormatter()
    {
        SupportedMediaTypes.Add("application/json");
        SupportedEncodings.Add(Encoding.UTF8);
    }

    protected override bool CanWriteType(Type? type) =>
        type is not null && (typeof(JsonNode).IsAssignableFrom(type) || typeof(JsonAnswer).IsAssignableFrom(type) || type == typeof(StreamedList));

    public override async Task WriteResponseBodyAsync(OutputFormatterWriteContext context, Encoding selectedEncoding)
    {
        var http = context.HttpContext;
        var admission = new AnswerAdmission(http, read: context.Object is StreamedList || HttpMethods.IsGet(http.Request.Method));
        if (await admission.AdmitAsync(context.Object as JsonAnswer) is { } lease)
        {
            http.Response.RegisterForDispose(lease);
        }

        var output = new ResponseJson(http.Response.BodyWriter, http.RequestAborted);
        await using (output)
        {
            if (context.Object is StreamedList stream)
            {
                try
                {
                    await output.WriteAsync(stream, admission);
                }
                catch (RequestBodyException refused) when (http.Response.HasStarted)
                {
                    LogListCutOff(http.RequestServices.GetRequiredService<ILogger<StreamingJsonOutputFormatter>>(), refused.Message);
                    http.Abort();
                    return;
                }
            }
            else if (context.Object is JsonAnswer answer)
            {
                await output.WriteAsync(answer);
            }
            else
            {
                await output.WriteAsync(context.Object as JsonNode);
            }

            await output.FlushAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A list's answer was cut off after its first items: {Reason}")]
    private static partial void LogListCutOff(ILogger logger, string reason);

    /// <summary>
    /// A read's answer that holds a large stored document until the client has taken it first waits for room in the
    /// <see cref="RequestBodyBudget"/> (or is refused, 503, before anything is sent), so that slow clients cannot make the
    /// process hold more documents than the budget; a list asks for each large item in turn and gives the room back when
    /// the item is written (refused after its first item, the list is cut off: its status has been sent). Lists and
    /// searches are reads, whatever their method; a write's answer is sent at once: the write has happened. An answer
    /// that took its room before its document was read (<see cref="JsonAnswer.Room"/>) holds it already.
    /// </summary>
    private sealed class AnswerAdmission(HttpContext http, bool read)
    {
        /// <summary>The room <paramref name="answer"/> takes until it is sent, or null when it needs none.</summary>
        public async Task<IDisposable?> AdmitAsync(JsonAnswer? answer)
        {
            if (!read || answer is not { HeldBytes: > IAnswerRoom.SmallAnswerBytes, Room: null })
            {
                return null;
            }

            var budget = http.RequestServices.GetRequiredService<RequestBodyBudget>();
            return await budget.AdmitAnswerAsync(http.User.GetOrganizationId().Value, answer.HeldBytes, http.RequestAborted);
        }
    }

    /// <summary>A JSON writer that hands its bytes to the connection every <see cref="FlushBytes"/> (through <see cref="PipeChunks"/>).</summary>
    private sealed class ResponseJson : IJsonResponse, IAsyncDisposable
    {
        /// <summary>How much of a raw value (a stored document's text) is copied into the response at a time.</summary>
        private const int RawPieceBytes = 16 * 1024;

        private readonly CancellationToken _cancellationToken;
        private readonly PipeChunks _chunks;
        private readonly Utf8JsonWriter _writer;

        public ResponseJson(PipeWriter pipe, CancellationToken cancellationToken)
        {
            _cancellationToken = cancellationToken;
            _chunks = new PipeChunks(pipe);
            _writer = new Utf8JsonWriter(_chunks, WriterOptions);
        }

        /// <summary>
        /// Reads the first item before writing anything, so that a store that fails at once is still answered with a clean
        /// 500 (and a first item refused room with a clean 503); afterwards every item is written as it arrives, a large
        /// one once <paramref name="admission"/> has room for it.
        /// </summary>
        public async Task WriteAsync(StreamedList stream, AnswerAdmission admission)
        {
            await using var items = stream.Items.GetAsyncEnumerator(_cancellationToken);
            var more = await items.MoveNextAsync();
            if (stream.PropertyName is { } propertyName)
            {
                _writer.WriteStartObject();
                foreach (var (name, value) in stream.Head ?? [])
                {
                    _writer.WritePropertyName(name);
                    WriteValue(value);
                }

                _writer.WritePropertyName(propertyName);
            }

            _writer.WriteStartArray();
            for (; more; more = await items.MoveNextAsync())
            {
                using var lease = await admission.AdmitAsync(items.Current);
                await WriteAsync(items.Current);
            }

            _writer.WriteEndArray();
            if (stream.PropertyName is not null)
            {
                _writer.WriteEndObject();
            }
        }

        public Utf8JsonWriter Writer => _writer;

        public CancellationToken RequestAborted => _cancellationToken;

        /// <summary>A node as below; any other answer writes itself, then the bytes are handed on when there are enough.</summary>
        public async Task WriteAsync(JsonAnswer answer)
        {
            if (answer is NodeAnswer node)
            {
                await WriteAsync(node.Node);
                return;
            }

            await answer.WriteToAsync(this);
            await FlushWhenFullAsync();
        }

        /// <summary>
        /// The writer writes the separator and the first piece, as a raw value (so that it puts a separator before what
        /// it writes next); the rest follows in the response piece by piece, flushed — and waited for, as the connection
        /// takes it — whenever <see cref="FlushBytes"/> are waiting. A 6 MiB value takes 64 KiB of chunks and of the
        /// connection's buffers, not 6 MiB of each.
        /// </summary>
        public async ValueTask WriteRawValueAsync(ReadOnlyMemory<byte> utf8Json)
        {
            var piece = Math.Min(utf8Json.Length, RawPieceBytes);
            _writer.WriteRawValue(utf8Json.Span[..piece], skipInputValidation: true);
            for (var rest = utf8Json[piece..]; !rest.IsEmpty; rest = rest[piece..])
            {
                await FlushWhenFullAsync();
                _writer.Flush();
                piece = Math.Min(rest.Length, RawPieceBytes);
                _chunks.Write(rest.Span[..piece]);
            }
        }

        /// <summary>Writes a node; an object or array property by property, item by item, flushing between them.</summary>
        public async Task WriteAsync(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject json:
                    _writer.WriteStartObject();
                    foreach (var (name, value) in json)
                    {
                        _writer.WritePropertyName(name);
                        WriteValue(value);
                        await FlushWhenFullAsync();
                    }

                    _writer.WriteEndObject();
                    break;
                case JsonArray array:
                    _writer.WriteStartArray();
                    foreach (var item in array)
                    {
                        WriteValue(item);
                        await FlushWhenFullAsync();
                    }

                    _writer.WriteEndArray();
                    break;
                default:
                    WriteValue(node);
                    break;
            }

            await FlushWhenFullAsync();
        }

        public async Task FlushAsync()
        {
            _writer.Flush();
            await _chunks.FlushAsync(_cancellationToken);
        }

        public async ValueTask DisposeAsync()
        {
            await _writer.DisposeAsync();
            _chunks.Dispose();
        }

        private void WriteValue(JsonNode? value)
        {
            if (value is null)
            {
                _writer.WriteNullValue();
            }
            else
            {
                value.WriteTo(_writer);
            }
        }

        private async ValueTask FlushWhenFullAsync()
        {
            if (_chunks.Unflushed + _writer.BytesPending >= FlushBytes)
            {
                await FlushAsync();
            }
        }
    }
}
