using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Common.Metrics;
using WorkflowDefinitions.Domain.LegacyWorkflowDefinitions;

namespace WorkflowDefinitions.Application.LegacyWorkflowDefinitions.DeleteDefinition;

/// <summary>An id that is not even valid syntax cannot exist, so it is a 404 here, not a 400 (contract D08).</summary>
public sealed class DeleteDefinitionCommandHandler(IWorkflowDefinitionRepository definitions, WorkflowMetrics metrics)
    : ICommandHandler<DeleteDefinitionCommand>
{
    public async ValueTask<Unit> Handle(DeleteDefinitionCommand command, CancellationToken cancellationToken)
    {
        var deleted = WorkflowDefinitionId.FromPath(command.DefinitionId) is { } id
            && await definitions.DeleteAsync(command.OrganizationId, id, cancellationToken);
        if (!deleted)
        {
            throw NotFoundException.Definition(command.DefinitionId);
        }

        metrics.WorkflowDeleted(command.OrganizationId, WorkflowModel.Definition);
        return Unit.Value;
    }
}
