using WorkflowDefinitions.Api.Errors;
using WorkflowDefinitions.Domain.Common;

namespace WorkflowDefinitions.Api.Json;

/// <summary>A request body the service refuses before it is interpreted: too large (413), not JSON (415), unreadable (400).</summary>
public sealed class RequestBodyException(int statusCode, string message, IReadOnlyList<Violation>? violations = null)
    : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    public IReadOnlyList<Violation> Violations { get; } = violations ?? [];

    public static RequestBodyException TooLarge() =>
        new(StatusCodes.Status413PayloadTooLarge, ErrorMessages.RequestBodyTooLarge);

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
