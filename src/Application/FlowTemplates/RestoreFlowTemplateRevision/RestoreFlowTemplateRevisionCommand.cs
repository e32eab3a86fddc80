using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Common.Preconditions;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.FlowTemplates.RestoreFlowTemplateRevision;

/// <summary>restoreFlowTemplateRevision: the flow gets <paramref name="Revision"/>'s content back, as a new revision.</summary>
public sealed record RestoreFlowTemplateRevisionCommand(OrganizationId OrganizationId, string FlowId, string Revision, IfMatch? IfMatch = null)
    : ICommand<Tagged<JsonAnswer>>, IOrganizationRequest;
