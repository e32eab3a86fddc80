using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Common.Preconditions;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.FlowTemplates.GetFlowTemplate;

/// <summary>getFlowTemplate: the stored flow with freshly computed limit warnings.</summary>
public sealed record GetFlowTemplateQuery(OrganizationId OrganizationId, string FlowId) : IQuery<Tagged<JsonAnswer>>, IOrganizationRequest;
