using System.Text.Json.Nodes;
using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Common.Metrics;
using WorkflowDefinitions.Application.Common.Preconditions;
using WorkflowDefinitions.Application.Workflows.History;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.LegacyWorkflowDefinitions;

namespace WorkflowDefinitions.Application.LegacyWorkflowDefinitions.UpdateDefinition;

/// <summary>
/// Existence (404), the <c>If-Match</c> precondition (412), then structure (400, D13). A write that loses a race is made
/// again on the newer revision, unless <c>If-Match</c> pins the version (then 412). A dry run writes nothing. The stored
/// definition is read whole, a large one once room for it has been taken (<see cref="DefinitionReads"/>).
/// </summary>
public sealed class UpdateDefinitionCommandHandler(
    IWorkflowDefinitionRepository definitions, IIdGenerator ids, HardLimits caps, WorkflowMetrics metrics, IAnswerRoom answers, TimeProvider clock)
    : ICommandHandler<UpdateDefinitionCommand, Tagged<JsonObject>>
{
    public ValueTask<Tagged<JsonObject>> Handle(UpdateDefinitionCommand command, CancellationToken cancellationToken)
    {
        var id = new WorkflowDefinitionId(command.DefinitionId);
        DefinitionDocument? document = null;
        IDisposable? room = null;
        return OptimisticConcurrency.RetryOnConflictAsync(command.IfMatch, () => PreconditionFailedException.Definition(id.Value), async () =>
        {
            room?.Dispose();
            (var found, room) = await definitions.FindTakingRoomAsync(answers, command.OrganizationId, id, cancellationToken);
            var definition = found ?? throw NotFoundException.Definition(command.DefinitionId);
            command.IfMatch?.Check(EntityTag.Of(definition.Revision), () => PreconditionFailedException.Definition(id.Value));
            document ??= DefinitionDocument.Parse(command.Body, ids.NewItemId, caps);
            definition.Replace(document, clock.GetUtcNow());
            var representation = WorkflowDefinitionJson.Render(definition);
            if (command.Mode == WriteMode.Commit)
            {
                await definitions.UpdateAsync(definition, DefinitionHistory.Record(definition, representation, command.Source), cancellationToken);
                metrics.WorkflowUpdated(command.OrganizationId, WorkflowModel.Definition);
            }

            return new Tagged<JsonObject>(representation, EntityTag.Of(definition.Revision));
        });
    }
}
