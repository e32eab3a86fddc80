using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Common.Preconditions;
using WorkflowDefinitions.Application.FlowTemplates.UpdateFlowTemplate;
using WorkflowDefinitions.Application.Workflows.History;
using WorkflowDefinitions.Domain.FlowTemplates;

namespace WorkflowDefinitions.Application.FlowTemplates.RestoreFlowTemplateRevision;

/// <summary>
/// The revision's content, without its server-managed fields, goes through updateFlowTemplate: the same precondition
/// (<c>If-Match</c>), validation and conditional write, recorded as a revision with source <c>restore</c> and a
/// <c>restored</c> change. A revision of a flow that is gone (or another organization's) is a 404.
/// </summary>
public sealed class RestoreFlowTemplateRevisionCommandHandler(IFlowTemplateRepository flows, RevisionReads revisions, ISender sender)
    : ICommandHandler<RestoreFlowTemplateRevisionCommand, Tagged<JsonAnswer>>
{
    public async ValueTask<Tagged<JsonAnswer>> Handle(RestoreFlowTemplateRevisionCommand command, CancellationToken cancellationToken)
    {
        var id = new FlowTemplateId(command.FlowId);
        if (!await flows.ExistsAsync(command.OrganizationId, id, cancellationToken))
        {
            throw NotFoundException.FlowTemplate(command.FlowId);
        }

        var body = await revisions.RestoreBodyAsync(
            command.OrganizationId,
            WorkflowKind.Flow,
            id.Value,
            HistoryParameters.Revision(command.Revision),
            FlowTemplateHistory.ServerManagedProperties,
            n => NotFoundException.FlowTemplateRevision(command.FlowId, n),
            cancellationToken);
        return await sender.Send(
            new UpdateFlowTemplateCommand(command.OrganizationId, id.Value, body, EnforceLimits: false, command.IfMatch, WriteMode.Commit, RevisionSource.Restore),
            cancellationToken);
    }
}
