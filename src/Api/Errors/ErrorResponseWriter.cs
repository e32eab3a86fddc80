namespace WorkflowDefinitions.Api.Errors;

public static class ErrorResponseWriter
{
    /// <summary>Writes the error, cut to fit <see cref="ErrorBodyBudget.MaxBodyBytes"/>.</summary>
    public static Task WriteAsync(HttpContext context, int statusCode, ErrorResponse error) =>
        WriteAsync(context, statusCode, error, context.RequestAborted);

    /// <summary>The same, for an answer to a request whose own token is already cancelled (a timeout).</summary>
    public static Task WriteAsync(HttpContext context, int statusCode, ErrorResponse error, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = statusCode;
        return context.Response.WriteAsJsonAsync(ErrorBodyBudget.Fit(error), cancellationToken);
    }

    /// <summary>Gives the framework's own empty error responses (401, 403, 404, 405, ...) the contract's body.</summary>
    public static IApplicationBuilder UseErrorBodiesForStatusCodes(this IApplicationBuilder app) =>
        app.UseStatusCodePages(context =>
        {
            var statusCode = context.HttpContext.Response.StatusCode;
            return WriteAsync(context.HttpContext, statusCode, new ErrorResponse(ErrorMessages.ForStatusCode(statusCode)));
        });
}
