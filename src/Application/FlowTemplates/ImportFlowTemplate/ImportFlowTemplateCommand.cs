using System.Text.Json;
using System.Text.Json.Nodes;
using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.FlowTemplates.ImportFlowTemplate;

/// <summary>importFlowTemplate: <paramref name="Body"/> is a <c>FlowTemplateExport</c>, as exportFlowTemplate returns it.</summary>
public sealed record ImportFlowTemplateCommand(OrganizationId OrganizationId, JsonElement Body, WriteMode Mode = WriteMode.Commit)
    : ICommand<JsonObject>, IOrganizationRequest;
