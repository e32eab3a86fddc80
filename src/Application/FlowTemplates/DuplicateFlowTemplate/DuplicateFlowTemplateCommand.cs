using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Common.Preconditions;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.FlowTemplates.DuplicateFlowTemplate;

/// <summary>duplicateFlowTemplate: an independent copy in the caller's organization, automations cloned (§6.1, D47).</summary>
public sealed record DuplicateFlowTemplateCommand(OrganizationId OrganizationId, string FlowId, WriteMode Mode = WriteMode.Commit)
    : ICommand<Tagged<Created>>, IOrganizationRequest;
