using System.Text.Json.Nodes;
using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Common.Validation;
using WorkflowDefinitions.Domain.Common;

namespace WorkflowDefinitions.Application.FlowTemplates.SearchFlowTemplates;

/// <summary>The page (up to 100 flows of up to 6 MiB) is written flow by flow, never held whole.</summary>
public sealed class SearchFlowTemplatesQueryHandler(IFlowTemplateRepository flows) : IQueryHandler<SearchFlowTemplatesQuery, StreamedList>
{
    public async ValueTask<StreamedList> Handle(SearchFlowTemplatesQuery query, CancellationToken cancellationToken)
    {
        var body = query.Body;
        var search = new FlowTemplateSearch(
            JsonChecks.TryGetString(body["name"]),
            JsonChecks.TryGetString(body["definition_id"]),
            JsonChecks.TryGetString(body["trigger_type"]) is { } type ? new TriggerCriteria(Type: type) : TriggerCriteria.None,
            body["enabled"]?.GetValue<bool>(),
            Integer(body["from"], 0),
            Integer(body["size"], SearchFlowTemplatesQuery.DefaultSize),
            JsonChecks.TryGetString(body["sort_by"]) == "created_at" ? FlowTemplateSortField.CreatedAt : FlowTemplateSortField.UpdatedAt,
            JsonChecks.TryGetString(body["sort_order"]) != "asc");
        var page = await flows.SearchAsync(query.OrganizationId, search, cancellationToken);
        return new StreamedList("results", page.Results.Select(flow => (JsonNode)FlowTemplateJson.Render(flow)), new JsonObject { ["hits"] = page.Hits });
    }

    private static int Integer(JsonNode? node, int fallback) =>
        node is not null && JsonNumbers.TryGetInteger(node, out var value) ? (int)value : fallback;
}
