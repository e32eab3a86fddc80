using System.Diagnostics;
using Mediator;

namespace WorkflowDefinitions.Application.Common.Behaviors;

/// <summary>
/// One span per command or query, named after the message and tagged with the organization. Where no span is recorded
/// (no listener), the message goes straight on: no async frame of its own, which an exception would pass through again.
/// </summary>
public sealed class TracingBehavior<TMessage, TResponse> : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    private static readonly string SpanName = typeof(TMessage).Name;

    public ValueTask<TResponse> Handle(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var activity = ApplicationTelemetry.ActivitySource.StartActivity(SpanName);
        return activity is null ? next(message, cancellationToken) : HandleInSpanAsync(activity, message, next, cancellationToken);
    }

    private static async ValueTask<TResponse> HandleInSpanAsync(
        Activity activity, TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        using var span = activity;
        span.SetTag("workflow_definitions.message", SpanName);
        if (message is IOrganizationRequest request)
        {
            span.SetTag(ApplicationTelemetry.OrganizationTag, request.OrganizationId.Value);
        }

        try
        {
            return await next(message, cancellationToken);
        }
        catch (Exception exception)
        {
            span.SetTag("error.type", exception.GetType().Name);
            if (!ClientErrors.IsClientError(exception))
            {
                span.SetStatus(ActivityStatusCode.Error, exception.Message);
                span.AddException(exception);
            }

            throw;
        }
    }
}
