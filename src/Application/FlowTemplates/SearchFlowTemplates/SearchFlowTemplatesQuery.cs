using System.Text.Json;
using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.FlowTemplates.SearchFlowTemplates;

/// <summary>
/// searchFlowTemplates: <paramref name="Body"/> is <c>SearchFlowTemplates</c>, read by <see cref="SearchFlowTemplatesBody"/>;
/// a missing body is <c>{}</c> (D55).
/// </summary>
public sealed record SearchFlowTemplatesQuery(OrganizationId OrganizationId, JsonElement Body) : IQuery<StreamedList>, IOrganizationRequest;
