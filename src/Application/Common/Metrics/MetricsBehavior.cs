using Mediator;
using WorkflowDefinitions.Application.FlowTemplates;
using WorkflowDefinitions.Application.Workflows;
using WorkflowDefinitions.Domain.Common;

namespace WorkflowDefinitions.Application.Common.Metrics;

/// <summary>Counts the refusals every operation can answer: rule violations, enforced limits and the quota.</summary>
public sealed class MetricsBehavior<TMessage, TResponse>(WorkflowMetrics metrics) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    /// <summary>The contract's operation id: the message's name without its Command/Query suffix, camel-cased.</summary>
    private static readonly string Operation = OperationOf(typeof(TMessage).Name);

    public async ValueTask<TResponse> Handle(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        try
        {
            return await next(message, cancellationToken);
        }
        catch (InvalidDocumentException exception)
        {
            metrics.ValidationFailed(Operation, exception.Violations);
            throw;
        }
        catch (InvalidRequestException exception)
        {
            metrics.ValidationFailed(Operation, exception.Violations);
            throw;
        }
        catch (FlowLimitsExceededException exception)
        {
            metrics.LimitWarningsIssued(exception.Warnings, enforced: true);
            throw;
        }
        catch (WorkflowQuotaExceededException) when (message is IOrganizationRequest request)
        {
            metrics.QuotaRejected(request.OrganizationId);
            throw;
        }
    }

    private static string OperationOf(string messageName)
    {
        var name = messageName.EndsWith("Command", StringComparison.Ordinal) ? messageName[..^"Command".Length]
            : messageName.EndsWith("Query", StringComparison.Ordinal) ? messageName[..^"Query".Length]
            : messageName;
        return name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
    }
}
