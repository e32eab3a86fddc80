using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Common.Preconditions;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.FlowTemplates.DeleteFlowTemplate;

/// <summary>deleteFlowTemplate: hard delete, frees a quota slot; referenced automations stay (D21).</summary>
public sealed record DeleteFlowTemplateCommand(OrganizationId OrganizationId, string FlowId, IfMatch? IfMatch = null) : ICommand, IOrganizationRequest;
