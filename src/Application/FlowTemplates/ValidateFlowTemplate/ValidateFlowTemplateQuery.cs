using System.Text.Json;
using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.FlowTemplates.ValidateFlowTemplate;

/// <summary>
/// validateFlowTemplate: <paramref name="Body"/> is what createFlowTemplate would take; nothing is stored, no automation
/// is touched and the quota is not looked at.
/// </summary>
public sealed record ValidateFlowTemplateQuery(OrganizationId OrganizationId, JsonElement Body, bool EnforceLimits)
    : IQuery<ValidationReport>, IOrganizationRequest;
