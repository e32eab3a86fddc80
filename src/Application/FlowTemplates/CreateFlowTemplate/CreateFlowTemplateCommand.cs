using System.Text.Json;
using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Common.Preconditions;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.FlowTemplates.CreateFlowTemplate;

/// <summary>
/// createFlowTemplate: <paramref name="Body"/> is the <c>CreateFlowTemplate</c> as sent. Its shape and graph are the
/// domain's to check (every violation at once), so this command has no request validator.
/// </summary>
public sealed record CreateFlowTemplateCommand(OrganizationId OrganizationId, JsonElement Body, bool EnforceLimits, WriteMode Mode = WriteMode.Commit)
    : ICommand<Tagged<Created>>, IOrganizationRequest;
