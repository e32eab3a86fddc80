using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Formatters;
using Microsoft.Net.Http.Headers;
using WorkflowDefinitions.Domain.Common;

namespace WorkflowDefinitions.Api.Json;

/// <summary>
/// Reads every <c>[FromBody] JsonObject</c> or <c>JsonElement</c>: checks the media type (415, D59) and the size (413,
/// D03) before reading, then parses strictly with <see cref="StrictJsonReader"/>. An empty body is <c>{}</c> where
/// the action allows it (<c>EmptyBodyBehavior.Allow</c>) and malformed JSON elsewhere. A <c>JsonElement</c> body is
/// the parsed document itself, read in place over the request buffer and disposed with the request.
/// Errors are thrown, not put in model state, so the one exception handler answers them.
/// </summary>
public sealed class JsonBodyInputFormatter : IInputFormatter, IInputFormatterExceptionPolicy
{
    /// <summary>Contract D03: bodies over 6 MiB are refused.</summary>
    public const long MaxBodyBytes = 6 * 1024 * 1024;

    public InputFormatterExceptionPolicy ExceptionPolicy => InputFormatterExceptionPolicy.MalformedInputExceptions;

    public bool CanRead(InputFormatterContext context) => context.ModelType == typeof(JsonObject) || context.ModelType == typeof(JsonElement);

    public async Task<InputFormatterResult> ReadAsync(InputFormatterContext context)
    {
        var request = context.HttpContext.Request;
        if (request.ContentLength > MaxBodyBytes)
        {
            throw RequestBodyException.TooLarge();
        }

        var body = await ReadBodyAsync(request, context.HttpContext.RequestAborted);
        ReadOnlyMemory<byte> json = body.WrittenMemory;
        if (json.IsEmpty)
        {
            json = context.TreatEmptyInputAsDefaultValue ? "{}"u8.ToArray() : throw RequestBodyException.Malformed(string.Empty, "the body is empty");
        }

        var maxStringLength = context.HttpContext.RequestServices.GetRequiredService<HardLimits>().MaxStringLength;
        if (context.ModelType == typeof(JsonObject))
        {
            return await InputFormatterResult.SuccessAsync(StrictJsonReader.ReadObject(json, maxStringLength));
        }

        var document = StrictJsonReader.ReadDocument(json, maxStringLength);
        context.HttpContext.Response.RegisterForDispose(document);
        return await InputFormatterResult.SuccessAsync(document.RootElement);
    }

    /// <summary><c>application/json</c> or <c>application/*+json</c>, in UTF-8 or without a charset.</summary>
    public static bool IsJsonMediaType(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType))
        {
            return false;
        }

        var isJson = mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (mediaType.Type.Equals("application", StringComparison.OrdinalIgnoreCase)
                && mediaType.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));
        var charset = mediaType.Charset;
        var isUtf8 = !charset.HasValue
            || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);
        return isJson && isUtf8;
    }

    /// <summary>Reads the whole body; the media type is checked as soon as the body turns out not to be empty.</summary>
    private static async Task<ArrayBufferWriter<byte>> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        const int ChunkBytes = 16 * 1024;
        var buffer = new ArrayBufferWriter<byte>((int)Math.Clamp(request.ContentLength ?? ChunkBytes, 1, MaxBodyBytes));
        while (true)
        {
            var read = await request.Body.ReadAsync(buffer.GetMemory(ChunkBytes), cancellationToken);
            if (read == 0)
            {
                return buffer;
            }

            if (buffer.WrittenCount == 0 && !IsJsonMediaType(request.ContentType))
            {
                throw RequestBodyException.UnsupportedMediaType();
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > MaxBodyBytes)
            {
                throw RequestBodyException.TooLarge();
            }
        }
    }
}
