using Mediator;
using WorkflowDefinitions.Application.Common;

namespace WorkflowDefinitions.Application.FlowTemplates.ListFlowTemplates;

/// <summary>
/// Every flow is read, rendered and written a few at a time: the organization is never in memory as a whole, and a flow
/// larger than <see cref="IAnswerRoom.SmallAnswerBytes"/> is read only when it is written (<see cref="FlowTemplateJson.Listed"/>).
/// </summary>
public sealed class ListFlowTemplatesQueryHandler(IFlowTemplateRepository flows) : IQueryHandler<ListFlowTemplatesQuery, StreamedList>
{
    public ValueTask<StreamedList> Handle(ListFlowTemplatesQuery query, CancellationToken cancellationToken)
    {
        var criteria = TriggerCriteria.ForListing(query.TriggerType, query.TriggerSourceId, query.TriggerSchema);
        var listed = flows.ListAsync(query.OrganizationId, criteria, IAnswerRoom.SmallAnswerBytes, cancellationToken)
            .Select(item => FlowTemplateJson.Listed(flows, query.OrganizationId, item));
        return ValueTask.FromResult(new StreamedList("results", listed));
    }
}
