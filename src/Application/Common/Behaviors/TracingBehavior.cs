using System.Diagnostics;
using Mediator;

namespace WorkflowDefinitions.Application.Common.Behaviors;

/// <summary>One span per command or query, named after the message and tagged with the organization.</summary>
public sealed class TracingBehavior<TMessage, TResponse> : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    private static readonly string SpanName = typeof(TMessage).Name;

    public async ValueTask<TResponse> Handle(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        using var activity = ApplicationTelemetry.ActivitySource.StartActivity(SpanName);
        if (activity is not null)
        {
            activity.SetTag("workflow_definitions.message", SpanName);
            if (message is IOrganizationRequest request)
            {
                activity.SetTag(ApplicationTelemetry.OrganizationTag, request.OrganizationId.Value);
            }
        }

        try
        {
            return await next(message, cancellationToken);
        }
        catch (Exception exception) when (activity is not null)
        {
            activity.SetTag("error.type", exception.GetType().Name);
            if (!ClientErrors.IsClientError(exception))
            {
                activity.SetStatus(ActivityStatusCode.Error, exception.Message);
                activity.AddException(exception);
            }

            throw;
        }
    }
}
