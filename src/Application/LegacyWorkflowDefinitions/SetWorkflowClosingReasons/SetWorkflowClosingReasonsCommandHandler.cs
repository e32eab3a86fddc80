using Mediator;
using WorkflowDefinitions.Application.Common.Metrics;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.LegacyWorkflowDefinitions;

namespace WorkflowDefinitions.Application.LegacyWorkflowDefinitions.SetWorkflowClosingReasons;

/// <summary>Existence (404) before the body (400, D13); bumps <c>lastUpdateTime</c>; concurrent edits are re-applied.</summary>
public sealed class SetWorkflowClosingReasonsCommandHandler(
    IWorkflowDefinitionRepository definitions, HardLimits caps, WorkflowMetrics metrics, TimeProvider clock)
    : ICommandHandler<SetWorkflowClosingReasonsCommand>
{
    public ValueTask<Unit> Handle(SetWorkflowClosingReasonsCommand command, CancellationToken cancellationToken)
    {
        var id = new WorkflowDefinitionId(command.DefinitionId);
        return OptimisticConcurrency.RetryOnConflictAsync(async () =>
        {
            var definition = await definitions.FindAsync(command.OrganizationId, id, cancellationToken)
                ?? throw NotFoundException.Definition(command.DefinitionId);
            definition.Replace(definition.Document.WithClosingReasons(command.Body, caps), clock.GetUtcNow());
            await definitions.UpdateAsync(definition, cancellationToken);
            metrics.WorkflowUpdated(command.OrganizationId, WorkflowModel.Definition);
            return Unit.Value;
        });
    }
}
