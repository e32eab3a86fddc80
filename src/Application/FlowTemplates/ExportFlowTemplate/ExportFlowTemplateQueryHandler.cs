using System.Text.Json.Nodes;
using Mediator;
using WorkflowDefinitions.Application.Automations;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.FlowTemplates;

namespace WorkflowDefinitions.Application.FlowTemplates.ExportFlowTemplate;

/// <summary>
/// Contract §6.2 / D48: the flow as stored (no <c>limit_warnings</c>) plus <c>_resolved_automations</c>, one entry per
/// referenced automation: the flow the Automation API returns, or <c>null</c> when it does not show it (404/403). An
/// Automation API outage fails the export (500) rather than leaving an entry out. An invalid id is a 404 (D08); a flow
/// referring to more automations than one request may look up is a 400. A large flow is read once room has been taken
/// for its answer and the document its references are read from (<see cref="IAnswerRoom"/>).
/// </summary>
public sealed class ExportFlowTemplateQueryHandler(IFlowTemplateRepository flows, IAutomationClient automations, HardLimits caps, IAnswerRoom answers)
    : IQueryHandler<ExportFlowTemplateQuery, JsonAnswer>
{
    private const int HeldPerStoredByte = 1 + DocumentBytes.AtMostPerTextByte;

    public async ValueTask<JsonAnswer> Handle(ExportFlowTemplateQuery query, CancellationToken cancellationToken)
    {
        var (flow, room) = FlowTemplateId.FromPath(query.FlowId) is { } id
            ? await flows.FindTakingRoomAsync(answers, query.OrganizationId, id, HeldPerStoredByte, cancellationToken)
            : (null, null);
        if (flow is null)
        {
            throw NotFoundException.FlowTemplate(query.FlowId);
        }

        var referenced = flow.Document.ReferencedAutomationIds;
        if (referenced.Count > caps.MaxAutomationsPerRequest)
        {
            throw new TooManyAutomationsException(referenced.Count, caps.MaxAutomationsPerRequest, "an export looks up");
        }

        var resolved = new JsonObject();
        foreach (var automationId in referenced)
        {
            resolved[automationId] = await ResolveAsync(query, automationId, cancellationToken);
        }

        var answer = FlowTemplateJson.Export(flow, resolved);
        return room is null ? answer : answer.Holding(room);
    }

    /// <summary>
    /// A read the Automation API refuses for another reason than 404/403 (say 401) is not the exporting client's fault
    /// and cannot be fixed by it: the export fails as a server error (export answers no 400).
    /// </summary>
    private async Task<JsonObject?> ResolveAsync(ExportFlowTemplateQuery query, string automationId, CancellationToken cancellationToken)
    {
        try
        {
            return await automations.GetFlowAsync(query.OrganizationId, automationId, cancellationToken);
        }
        catch (AutomationRejectedException exception)
        {
            throw new AutomationUnavailableException($"The Automation API refused to return automation flow '{automationId}': {exception.Message}", exception);
        }
    }
}
