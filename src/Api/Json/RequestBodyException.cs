using WorkflowDefinitions.Api.Errors;
using WorkflowDefinitions.Domain.Common;

namespace WorkflowDefinitions.Api.Json;

/// <summary>
/// A request body the service refuses before it is interpreted: too large (413), not JSON (415), unreadable (400), or no
/// room to read it now (503) — or, for a read, no room to send its large answer now (503).
/// </summary>
public sealed class RequestBodyException(int statusCode, string message, IReadOnlyList<Violation>? violations = null, int? retryAfterSeconds = null)
    : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    public IReadOnlyList<Violation> Violations { get; } = violations ?? [];

    /// <summary>When to try again, for refusals that are about load rather than the request (<c>Retry-After</c>).</summary>
    public int? RetryAfterSeconds { get; } = retryAfterSeconds;

    public static RequestBodyException TooLarge() =>
        new(StatusCodes.Status413PayloadTooLarge, ErrorMessages.RequestBodyTooLarge);

    /// <summary>Too many large bodies are being read or processed: 503, try again later.</summary>
    public static RequestBodyException Busy(string message, int retryAfterSeconds) =>
        new(StatusCodes.Status503ServiceUnavailable, message, retryAfterSeconds: retryAfterSeconds);

    public static RequestBodyException UnsupportedMediaType() =>
        new(StatusCodes.Status415UnsupportedMediaType, ErrorMessages.UnsupportedMediaType);

    /// <summary>The body could not be parsed; <paramref name="path"/> is where the reader stopped (client names cut).</summary>
    public static RequestBodyException Malformed(string path, string reason) =>
        new(StatusCodes.Status400BadRequest, ErrorMessages.MalformedJson, [new Violation(path, reason, reason)]);

    public static RequestBodyException Invalid(string path, string reason)
    {
        var violation = new Violation(path, reason, reason);
        return new(StatusCodes.Status400BadRequest, $"Invalid request body: {violation}", [violation]);
    }
}
