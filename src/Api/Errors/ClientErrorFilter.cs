using Microsoft.AspNetCore.Mvc.Filters;
using WorkflowDefinitions.Api.Json;
using WorkflowDefinitions.Application.Common;

namespace WorkflowDefinitions.Api.Errors;

/// <summary>
/// Answers the client errors an action throws — a request body it cannot take (<see cref="RequestBodyException"/>) and
/// the 400, 404, 409, 410 and 412 of <see cref="ClientErrors"/> — where MVC catches them, with the very answer the
/// exception-handler middleware gives (<see cref="ErrorResponseExceptionHandler"/>, after the middleware's own
/// clearing of the response and its cache headers). Such an exception then no longer travels through the middleware:
/// every async frame it passes rethrows it, which made a 404 cost about twice a found GET. Failures of the service, and
/// an answer already started, are left to the middleware as before.
/// </summary>
public sealed class ClientErrorFilter(ErrorResponseExceptionHandler errors) : IAsyncExceptionFilter
{
    public async Task OnExceptionAsync(ExceptionContext context)
    {
        var exception = context.Exception;
        var response = context.HttpContext.Response;
        if (response.HasStarted || !(exception is RequestBodyException || ClientErrors.IsClientError(exception)))
        {
            return;
        }

        response.Clear();
        response.Headers.CacheControl = "no-cache,no-store";
        response.Headers.Pragma = "no-cache";
        response.Headers.Expires = "-1";
        context.ExceptionHandled = await errors.TryHandleAsync(context.HttpContext, exception, context.HttpContext.RequestAborted);
    }
}
