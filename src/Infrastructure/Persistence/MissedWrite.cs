using WorkflowDefinitions.Application.ClosingReasons;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.FlowTemplates;
using WorkflowDefinitions.Application.LegacyWorkflowDefinitions;
using WorkflowDefinitions.Domain.ClosingReasons;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.FlowTemplates;
using WorkflowDefinitions.Domain.LegacyWorkflowDefinitions;

namespace WorkflowDefinitions.Infrastructure.Persistence;

/// <summary>
/// What an update conditional on the stored revision means when it matched nothing: the item is gone (404) or another
/// writer changed it first (409). Both stores find out the same way, by reading the item again.
/// </summary>
internal static class MissedWrite
{
    public static async Task<Exception> ExplainAsync(IFlowTemplateRepository flows, FlowTemplate flow, CancellationToken cancellationToken) =>
        await flows.FindAsync(flow.OrganizationId, flow.Id, cancellationToken) is null
            ? NotFoundException.FlowTemplate(flow.Id.Value)
            : ConcurrencyConflictException.FlowTemplate(flow.Id.Value);

    public static async Task<Exception> ExplainAsync(IWorkflowDefinitionRepository definitions, WorkflowDefinition definition, CancellationToken cancellationToken) =>
        await definitions.FindAsync(definition.OrganizationId, definition.Id, cancellationToken) is null
            ? NotFoundException.Definition(definition.Id.Value)
            : ConcurrencyConflictException.Definition(definition.Id.Value);

    public static async Task<Exception> ExplainAsync(IClosingReasonRepository reasons, ClosingReason reason, CancellationToken cancellationToken) =>
        await reasons.FindAsync(reason.OrganizationId, reason.Id, cancellationToken) is null
            ? NotFoundException.ClosingReason(reason.Id.Value)
            : ConcurrencyConflictException.ClosingReason(reason.Id.Value);
}
