using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Formatters;
using Microsoft.Net.Http.Headers;
using WorkflowDefinitions.Api.Auth;
using WorkflowDefinitions.Domain.Common;

namespace WorkflowDefinitions.Api.Json;

/// <summary>
/// Reads every <c>[FromBody] JsonElement</c>: checks the declared size (413, D03) and the media type
/// (415, D59; for a body without a declared length as soon as bytes arrive), waits for room in the
/// <see cref="RequestBodyBudget"/> when the body is large, reads it in pooled chunks (never sized by the declared length)
/// checking the size again as bytes arrive, checks it strictly with <see cref="StrictJsonReader"/>, waits for room in the
/// budget again when its processing will take much memory (a large body, or one dense in tokens), and parses it. An empty body is
/// <c>{}</c> where the action allows it (<c>EmptyBodyBehavior.Allow</c>) and malformed JSON elsewhere. The body is the
/// parsed document, read in place from the pooled buffer (no node tree is built) and disposed with the request; the
/// domain and application readers take it from there. Errors are thrown, not put in model state, so the one exception
/// handler answers them.
/// </summary>
public sealed class JsonBodyInputFormatter : IInputFormatter, IInputFormatterExceptionPolicy
{
    /// <summary>Contract D03: bodies over 6 MiB are refused.</summary>
    public const int MaxBodyBytes = 6 * 1024 * 1024;

    public InputFormatterExceptionPolicy ExceptionPolicy => InputFormatterExceptionPolicy.MalformedInputExceptions;

    public bool CanRead(InputFormatterContext context) => context.ModelType == typeof(JsonElement);

    public async Task<InputFormatterResult> ReadAsync(InputFormatterContext context)
    {
        var http = context.HttpContext;
        var request = http.Request;
        if (request.ContentLength > MaxBodyBytes)
        {
            throw RequestBodyException.TooLarge();
        }

        if (request.ContentLength > 0)
        {
            EnsureJsonMediaType(request);
        }

        var budget = http.RequestServices.GetRequiredService<RequestBodyBudget>();
        var organization = http.User.GetOrganizationId().Value;
        http.Response.RegisterForDispose(await budget.AdmitAsync(organization, request.ContentLength, http.RequestAborted));
        var body = await PooledRequestBody.ReadAsync(request.Body, MaxBodyBytes, () => EnsureJsonMediaType(request), http.RequestAborted);
        http.Response.RegisterForDispose(body);

        var json = body.Bytes;
        if (json.IsEmpty)
        {
            json = context.TreatEmptyInputAsDefaultValue
                ? "{}"u8.ToArray()
                : throw RequestBodyException.Malformed(string.Empty, "the body is empty");
        }

        var tokens = StrictJsonReader.Validate(json, http.RequestServices.GetRequiredService<HardLimits>());
        http.Response.RegisterForDispose(await budget.AdmitParseAsync(organization, tokens, json.Length, http.RequestAborted));
        var document = StrictJsonReader.Parse(json);
        http.Response.RegisterForDispose(document);
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

    private static void EnsureJsonMediaType(HttpRequest request)
    {
        if (!IsJsonMediaType(request.ContentType))
        {
            throw RequestBodyException.UnsupportedMediaType();
        }
    }
}
