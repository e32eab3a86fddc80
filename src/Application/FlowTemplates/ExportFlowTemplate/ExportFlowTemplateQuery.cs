using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.FlowTemplates.ExportFlowTemplate;

/// <summary>exportFlowTemplate: the stored flow with every automation it references bundled (§6.2).</summary>
public sealed record ExportFlowTemplateQuery(OrganizationId OrganizationId, string FlowId) : IQuery<JsonAnswer>, IOrganizationRequest;
