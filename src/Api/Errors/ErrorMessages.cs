namespace WorkflowDefinitions.Api.Errors;

/// <summary>The contract's fixed error messages (§1.7, D03, D59, D61).</summary>
public static class ErrorMessages
{
    public const string Unauthorized = "Unauthorized";
    public const string Forbidden = "Forbidden";
    public const string InternalServerError = "Internal server error";
    public const string MalformedJson = "Invalid request body: malformed JSON";
    public const string RequestBodyTooLarge = "Request body too large";
    public const string UnsupportedMediaType = "Unsupported media type: expected application/json";
    public const string MethodNotAllowed = "Method not allowed";
    public const string TooManyRequests = "Too many requests";
    public const string RequestTimedOut = "Request timed out";
    public const string BodyBudgetExhausted = "Service busy: too many large request bodies are being processed; retry later";
    public const string AnswerBudgetExhausted = "Service busy: too many large answers are being sent; retry later";
    public const string RouteNotFound = "Not found";

    /// <summary>The message for an error response the framework produced without a body (routing, authentication).</summary>
    public static string ForStatusCode(int statusCode) => statusCode switch
    {
        StatusCodes.Status401Unauthorized => Unauthorized,
        StatusCodes.Status403Forbidden => Forbidden,
        StatusCodes.Status404NotFound => RouteNotFound,
        StatusCodes.Status405MethodNotAllowed => MethodNotAllowed,
        StatusCodes.Status413PayloadTooLarge => RequestBodyTooLarge,
        StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType,
        StatusCodes.Status429TooManyRequests => TooManyRequests,
        StatusCodes.Status500InternalServerError => InternalServerError,
        _ => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(statusCode) is { Length: > 0 } phrase ? phrase : "Error",
    };
}
