using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WorkflowDefinitions.Application.FlowTemplates;
using WorkflowDefinitions.Application.LegacyWorkflowDefinitions;
using WorkflowDefinitions.Application.Workflows.History;
using WorkflowDefinitions.Domain.FlowTemplates;
using WorkflowDefinitions.Domain.LegacyWorkflowDefinitions;

namespace WorkflowDefinitions.Infrastructure.Persistence;

/// <summary>
/// Before the service accepts requests: every flow and definition stored before revisions were recorded gets its current
/// state as revision 1, so that its history starts there. Safe on every start and on several replicas at once (only
/// workflows without any revision are touched; revision numbers are unique).
/// </summary>
public sealed class RevisionBaseline(IServiceScopeFactory scopes) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var services = scope.ServiceProvider;
        var revisions = services.GetRequiredService<IWorkflowRevisions>();
        await BaselineFlowsAsync(services, revisions, cancellationToken);
        await BaselineDefinitionsAsync(services, revisions, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static async Task BaselineFlowsAsync(IServiceProvider services, IWorkflowRevisions revisions, CancellationToken cancellationToken)
    {
        var flows = services.GetRequiredService<IFlowTemplateRepository>();
        var limits = services.GetRequiredService<FlowLimits>();
        var history = services.GetRequiredService<FlowTemplateHistory>();
        await foreach (var (organizationId, id) in revisions.WithoutRevisionsAsync(WorkflowKind.Flow, cancellationToken))
        {
            if (await flows.FindAsync(organizationId, new FlowTemplateId(id), cancellationToken) is { } flow)
            {
                var record = history.Record(flow, flow.Document.EvaluateLimits(limits), SourceOf(flow.CreatedAt, flow.UpdatedAt));
                await revisions.AddFirstAsync(organizationId, WorkflowKind.Flow, id, record, cancellationToken);
            }
        }
    }

    private static async Task BaselineDefinitionsAsync(IServiceProvider services, IWorkflowRevisions revisions, CancellationToken cancellationToken)
    {
        var definitions = services.GetRequiredService<IWorkflowDefinitionRepository>();
        await foreach (var (organizationId, id) in revisions.WithoutRevisionsAsync(WorkflowKind.Definition, cancellationToken))
        {
            if (await definitions.FindAsync(organizationId, new WorkflowDefinitionId(id), cancellationToken) is { } definition)
            {
                var record = DefinitionHistory.Record(
                    definition, WorkflowDefinitionJson.Render(definition), SourceOf(definition.CreationTime, definition.LastUpdateTime));
                await revisions.AddFirstAsync(organizationId, WorkflowKind.Definition, id, record, cancellationToken);
            }
        }
    }

    /// <summary>What the first recorded state came from, as far as its timestamps tell: its create, or a later update.</summary>
    private static RevisionSource SourceOf(DateTimeOffset created, DateTimeOffset updated) =>
        created == updated ? RevisionSource.Create : RevisionSource.Update;
}
