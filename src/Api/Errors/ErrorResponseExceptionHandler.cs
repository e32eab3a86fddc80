using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using WorkflowDefinitions.Api.Json;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.FlowTemplates;
using WorkflowDefinitions.Domain.Common;

namespace WorkflowDefinitions.Api.Errors;

/// <summary>The one place where exceptions become HTTP answers with the contract's status codes and bodies.</summary>
public sealed partial class ErrorResponseExceptionHandler(ILogger<ErrorResponseExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (httpContext.Response.HasStarted)
        {
            return false;
        }

        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            return true;
        }

        if (exception is RequestBodyException { RetryAfterSeconds: { } retryAfter })
        {
            httpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        }

        if (exception is StoreBusyException or WriteOutcomeUnknownException)
        {
            httpContext.Response.Headers.RetryAfter = "1";
            LogStoreUnavailable(exception, exception.GetType().Name);
        }

        var (statusCode, error) = exception switch
        {
            RequestBodyException e => (e.StatusCode, ErrorResponse.WithViolations(e.Message, e.Violations)),
            StoreBusyException or WriteOutcomeUnknownException => (StatusCodes.Status503ServiceUnavailable, new ErrorResponse(exception.Message)),
            BadHttpRequestException e => (e.StatusCode, new ErrorResponse(ErrorMessages.ForStatusCode(e.StatusCode))),
            _ => ClientErrors.Classify(exception) switch
            {
                ClientError.BadRequest => (StatusCodes.Status400BadRequest, ClientErrorBody(exception)),
                ClientError.NotFound => (StatusCodes.Status404NotFound, ClientErrorBody(exception)),
                ClientError.Conflict => (StatusCodes.Status409Conflict, ClientErrorBody(exception)),
                ClientError.PreconditionFailed => (StatusCodes.Status412PreconditionFailed, ClientErrorBody(exception)),
                ClientError.Gone => (StatusCodes.Status410Gone, ClientErrorBody(exception)),
                _ => (StatusCodes.Status500InternalServerError, ServerError(exception)),
            },
        };

        await ErrorResponseWriter.WriteAsync(httpContext, statusCode, error, cancellationToken);
        return true;
    }

    /// <summary>The message, with the violations or the exceeded limits where the exception carries them.</summary>
    private static ErrorResponse ClientErrorBody(Exception exception) => exception switch
    {
        InvalidRequestException e => ErrorResponse.WithViolations(e.Message, e.Violations),
        InvalidDocumentException e => ErrorResponse.WithViolations(e.Message, e.Violations),
        FlowLimitsExceededException e => new ErrorResponse(e.Message, LimitWarnings: FlowTemplateJson.Render(e.Warnings)),
        _ => new ErrorResponse(exception.Message),
    };

    private ErrorResponse ServerError(Exception exception)
    {
        var traceId = Activity.Current?.TraceId.ToString();
        LogUnhandled(exception, traceId);
        return new ErrorResponse(ErrorMessages.InternalServerError, TraceId: traceId);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The store failed a write with {Kind}; answered 503")]
    private partial void LogStoreUnavailable(Exception exception, string kind);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception in trace {TraceId}")]
    private partial void LogUnhandled(Exception exception, string? traceId);
}
