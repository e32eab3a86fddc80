using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Common.Preconditions;
using WorkflowDefinitions.Domain.FlowTemplates;

namespace WorkflowDefinitions.Application.FlowTemplates.GetFlowTemplate;

/// <summary>
/// The stored flow with the <c>limit_warnings</c> of its stored revision, and its entity tag. A flow whose document is
/// large is read once room for it has been taken (<see cref="AnswerRoomReads"/>): a client refused room, or waiting for
/// it, has not made the process read the document.
/// </summary>
public sealed class GetFlowTemplateQueryHandler(IFlowTemplateRepository flows, LimitWarningsCache limitWarnings, FlowTemplateTags tags, IAnswerRoom answers)
    : IQueryHandler<GetFlowTemplateQuery, Tagged<JsonAnswer>>
{
    public async ValueTask<Tagged<JsonAnswer>> Handle(GetFlowTemplateQuery query, CancellationToken cancellationToken)
    {
        var id = new FlowTemplateId(query.FlowId);
        var (flow, room) = await flows.FindTakingRoomAsync(answers, query.OrganizationId, id, heldPerStoredByte: 1, cancellationToken);
        if (flow is null)
        {
            throw NotFoundException.FlowTemplate(query.FlowId);
        }

        var answer = FlowTemplateJson.Answer(flow, limitWarnings.Of(flow));
        return new Tagged<JsonAnswer>(room is null ? answer : answer.Holding(room), tags.Of(flow));
    }
}
