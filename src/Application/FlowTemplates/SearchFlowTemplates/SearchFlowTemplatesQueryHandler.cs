using System.Text.Json.Nodes;
using Mediator;
using WorkflowDefinitions.Application.Common;

namespace WorkflowDefinitions.Application.FlowTemplates.SearchFlowTemplates;

/// <summary>The page (up to 100 flows of up to 6 MiB) is written flow by flow, never held whole (see <see cref="FlowTemplateJson.Listed"/>).</summary>
public sealed class SearchFlowTemplatesQueryHandler(IFlowTemplateRepository flows) : IQueryHandler<SearchFlowTemplatesQuery, StreamedList>
{
    public async ValueTask<StreamedList> Handle(SearchFlowTemplatesQuery query, CancellationToken cancellationToken)
    {
        var search = SearchFlowTemplatesBody.Read(query.Body);
        var page = await flows.SearchAsync(query.OrganizationId, search, IAnswerRoom.SmallAnswerBytes, cancellationToken);
        var results = page.Results.Select(item => FlowTemplateJson.Listed(flows, query.OrganizationId, item));
        return new StreamedList("results", results, new JsonObject { ["hits"] = page.Hits });
    }
}
