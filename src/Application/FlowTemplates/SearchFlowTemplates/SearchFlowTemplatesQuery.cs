using System.Text.Json.Nodes;
using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.FlowTemplates.SearchFlowTemplates;

/// <summary>searchFlowTemplates: <paramref name="Body"/> is <c>SearchFlowTemplates</c>; a missing body is <c>{}</c> (D55).</summary>
public sealed record SearchFlowTemplatesQuery(OrganizationId OrganizationId, JsonObject Body) : IQuery<StreamedList>, IOrganizationRequest
{
    public const int DefaultSize = 25;
    public const int MaxSize = 100;
}
