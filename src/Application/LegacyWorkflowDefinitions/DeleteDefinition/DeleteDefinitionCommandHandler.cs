using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.LegacyWorkflowDefinitions;

namespace WorkflowDefinitions.Application.LegacyWorkflowDefinitions.DeleteDefinition;

/// <summary>An id that is not even valid syntax cannot exist, so it is a 404 here, not a 400 (contract D08).</summary>
public sealed class DeleteDefinitionCommandHandler(IWorkflowDefinitionRepository definitions) : ICommandHandler<DeleteDefinitionCommand>
{
    public async ValueTask<Unit> Handle(DeleteDefinitionCommand command, CancellationToken cancellationToken)
    {
        var deleted = ResourceIdSyntax.IsValid(command.DefinitionId)
            && await definitions.DeleteAsync(command.OrganizationId, new WorkflowDefinitionId(command.DefinitionId), cancellationToken);
        return deleted ? Unit.Value : throw NotFoundException.Definition(command.DefinitionId);
    }
}
