using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Common.Preconditions;
using WorkflowDefinitions.Domain.FlowTemplates;

namespace WorkflowDefinitions.Application.FlowTemplates.GetFlowTemplate;

/// <summary>
/// The stored flow with the <c>limit_warnings</c> of its stored revision, and its entity tag. A flow whose document is
/// large is read once room for it has been taken (<see cref="IAnswerRoom"/>): a client refused room, or waiting for it,
/// has not made the process read the document.
/// </summary>
public sealed class GetFlowTemplateQueryHandler(IFlowTemplateRepository flows, LimitWarningsCache limitWarnings, FlowTemplateTags tags, IAnswerRoom answers)
    : IQueryHandler<GetFlowTemplateQuery, Tagged<JsonAnswer>>
{
    public async ValueTask<Tagged<JsonAnswer>> Handle(GetFlowTemplateQuery query, CancellationToken cancellationToken)
    {
        var id = new FlowTemplateId(query.FlowId);
        var read = await flows.FindUnlessLargerAsync(query.OrganizationId, id, IAnswerRoom.SmallAnswerBytes, cancellationToken);
        if (!read.IsLarger)
        {
            return Answer(read.Value ?? throw NotFoundException.FlowTemplate(query.FlowId));
        }

        var room = await answers.TakeAsync(query.OrganizationId, read.LargerBytes, cancellationToken);
        try
        {
            var flow = await flows.FindAsync(query.OrganizationId, id, cancellationToken) ?? throw NotFoundException.FlowTemplate(query.FlowId);
            var answer = Answer(flow);
            answer.Value.Holding(room);
            return answer;
        }
        catch
        {
            room.Dispose();
            throw;
        }
    }

    private Tagged<JsonAnswer> Answer(FlowTemplate flow) => new(FlowTemplateJson.Answer(flow, limitWarnings.Of(flow)), tags.Of(flow));
}
