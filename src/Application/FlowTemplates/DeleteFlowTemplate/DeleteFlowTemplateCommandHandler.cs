using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Common.Metrics;
using WorkflowDefinitions.Domain.FlowTemplates;

namespace WorkflowDefinitions.Application.FlowTemplates.DeleteFlowTemplate;

/// <summary>An id that is not even valid syntax cannot exist, so it is a 404 here, not a 400 (contract D08).</summary>
public sealed class DeleteFlowTemplateCommandHandler(IFlowTemplateRepository flows, WorkflowMetrics metrics) : ICommandHandler<DeleteFlowTemplateCommand>
{
    public async ValueTask<Unit> Handle(DeleteFlowTemplateCommand command, CancellationToken cancellationToken)
    {
        var deleted = FlowTemplateId.FromPath(command.FlowId) is { } id
            && await flows.DeleteAsync(command.OrganizationId, id, cancellationToken);
        if (!deleted)
        {
            throw NotFoundException.FlowTemplate(command.FlowId);
        }

        metrics.WorkflowDeleted(command.OrganizationId, WorkflowModel.Flow);
        return Unit.Value;
    }
}
