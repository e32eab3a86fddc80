using System.Text.Json.Nodes;
using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Common.Preconditions;
using WorkflowDefinitions.Application.LegacyWorkflowDefinitions.UpdateDefinition;
using WorkflowDefinitions.Application.Workflows.History;
using WorkflowDefinitions.Domain.LegacyWorkflowDefinitions;

namespace WorkflowDefinitions.Application.LegacyWorkflowDefinitions.RestoreDefinitionRevision;

/// <summary>
/// The revision's content, without its server-managed fields, goes through updateDefinition: the same precondition
/// (<c>If-Match</c>), validation and conditional write, recorded as a revision with source <c>restore</c>.
/// </summary>
public sealed class RestoreDefinitionRevisionCommandHandler(IWorkflowDefinitionRepository definitions, RevisionReads revisions, ISender sender)
    : ICommandHandler<RestoreDefinitionRevisionCommand, Tagged<JsonObject>>
{
    public async ValueTask<Tagged<JsonObject>> Handle(RestoreDefinitionRevisionCommand command, CancellationToken cancellationToken)
    {
        var id = new WorkflowDefinitionId(command.DefinitionId);
        if (!await definitions.ExistsAsync(command.OrganizationId, id, cancellationToken))
        {
            throw NotFoundException.Definition(command.DefinitionId);
        }

        var body = await revisions.RestoreBodyAsync(
            command.OrganizationId,
            WorkflowKind.Definition,
            id.Value,
            HistoryParameters.Revision(command.Revision),
            DefinitionHistory.ServerManagedProperties,
            n => NotFoundException.DefinitionRevision(command.DefinitionId, n),
            cancellationToken);
        return await sender.Send(
            new UpdateDefinitionCommand(command.OrganizationId, id.Value, body, command.IfMatch, WriteMode.Commit, RevisionSource.Restore), cancellationToken);
    }
}
