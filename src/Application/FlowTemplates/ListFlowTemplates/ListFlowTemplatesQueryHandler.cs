using System.Text.Json.Nodes;
using Mediator;
using WorkflowDefinitions.Application.Common;

namespace WorkflowDefinitions.Application.FlowTemplates.ListFlowTemplates;

/// <summary>Every flow is read, rendered and written one at a time: the organization is never in memory as a whole.</summary>
public sealed class ListFlowTemplatesQueryHandler(IFlowTemplateRepository flows) : IQueryHandler<ListFlowTemplatesQuery, StreamedList>
{
    public ValueTask<StreamedList> Handle(ListFlowTemplatesQuery query, CancellationToken cancellationToken)
    {
        var criteria = TriggerCriteria.ForListing(query.TriggerType, query.TriggerSourceId, query.TriggerSchema);
        var listed = flows.ListAsync(query.OrganizationId, criteria, cancellationToken).Select(flow => FlowTemplateJson.Answer(flow));
        return ValueTask.FromResult(new StreamedList("results", listed));
    }
}
