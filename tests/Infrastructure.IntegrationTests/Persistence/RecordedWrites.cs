using WorkflowDefinitions.Application.FlowTemplates;
using WorkflowDefinitions.Application.LegacyWorkflowDefinitions;
using WorkflowDefinitions.Application.Workflows;
using WorkflowDefinitions.Application.Workflows.History;
using WorkflowDefinitions.Domain.FlowTemplates;
using WorkflowDefinitions.Domain.LegacyWorkflowDefinitions;

namespace WorkflowDefinitions.Infrastructure.IntegrationTests.Persistence;

/// <summary>
/// The writes of the contract tests with the revision the service's handlers would record (the flow's or definition's
/// representation without limit warnings), for tests about something else than history.
/// </summary>
public static class RecordedWrites
{
    private static readonly FlowTemplateHistory FlowHistory = new(new FlowTemplateTags(new FlowLimits()));

    public static RevisionRecord Of(FlowTemplate flow, RevisionSource source = RevisionSource.Update) =>
        FlowHistory.Record(flow, [], source);

    public static RevisionRecord Of(WorkflowDefinition definition, RevisionSource source = RevisionSource.Update) =>
        DefinitionHistory.Record(definition, WorkflowDefinitionJson.Render(definition), source);

    public static Task AddAsync(this IFlowTemplateRepository flows, FlowTemplate flow, WorkflowSlot slot, CancellationToken cancellationToken) =>
        flows.AddAsync(flow, slot, Of(flow, RevisionSource.Create), cancellationToken);

    public static Task UpdateAsync(this IFlowTemplateRepository flows, FlowTemplate flow, CancellationToken cancellationToken) =>
        flows.UpdateAsync(flow, Of(flow), cancellationToken);

    public static Task AddAsync(this IWorkflowDefinitionRepository definitions, WorkflowDefinition definition, WorkflowSlot slot, CancellationToken cancellationToken) =>
        definitions.AddAsync(definition, slot, Of(definition, RevisionSource.Create), cancellationToken);

    public static Task UpdateAsync(this IWorkflowDefinitionRepository definitions, WorkflowDefinition definition, CancellationToken cancellationToken) =>
        definitions.UpdateAsync(definition, Of(definition), cancellationToken);
}
