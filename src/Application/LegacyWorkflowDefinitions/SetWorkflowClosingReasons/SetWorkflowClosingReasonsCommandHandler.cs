using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Common.Metrics;
using WorkflowDefinitions.Application.Common.Preconditions;
using WorkflowDefinitions.Application.Workflows.History;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.LegacyWorkflowDefinitions;

namespace WorkflowDefinitions.Application.LegacyWorkflowDefinitions.SetWorkflowClosingReasons;

/// <summary>
/// Existence (404), the <c>If-Match</c> precondition on the definition's tag (412), then the body (400, D13); bumps
/// <c>lastUpdateTime</c>; concurrent edits are re-applied unless <c>If-Match</c> pins the version.
/// </summary>
public sealed class SetWorkflowClosingReasonsCommandHandler(
    IWorkflowDefinitionRepository definitions, HardLimits caps, WorkflowMetrics metrics, TimeProvider clock)
    : ICommandHandler<SetWorkflowClosingReasonsCommand>
{
    public ValueTask<Unit> Handle(SetWorkflowClosingReasonsCommand command, CancellationToken cancellationToken)
    {
        var id = new WorkflowDefinitionId(command.DefinitionId);
        return OptimisticConcurrency.RetryOnConflictAsync(command.IfMatch, () => PreconditionFailedException.Definition(id.Value), async () =>
        {
            var definition = await definitions.FindAsync(command.OrganizationId, id, cancellationToken)
                ?? throw NotFoundException.Definition(command.DefinitionId);
            command.IfMatch?.Check(EntityTag.Of(definition.Revision), () => PreconditionFailedException.Definition(id.Value));
            definition.Replace(definition.Document.WithClosingReasons(command.Body, caps), clock.GetUtcNow());
            await definitions.UpdateAsync(
                definition, DefinitionHistory.Record(definition, WorkflowDefinitionJson.Render(definition), RevisionSource.Update), cancellationToken);
            metrics.WorkflowUpdated(command.OrganizationId, WorkflowModel.Definition);
            return Unit.Value;
        });
    }
}
