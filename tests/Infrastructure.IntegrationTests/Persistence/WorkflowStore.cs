using Microsoft.Extensions.Time.Testing;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.FlowTemplates;
using WorkflowDefinitions.Application.LegacyWorkflowDefinitions;
using WorkflowDefinitions.Application.Workflows;
using WorkflowDefinitions.Application.Workflows.History;

namespace WorkflowDefinitions.Infrastructure.IntegrationTests.Persistence;

/// <summary>
/// The workflow ports of one store, over the same data, with the clock and id source the test controls; the history
/// settings (<see cref="RevisionSettings"/>) and the change signals are the ones its repositories were given.
/// </summary>
public sealed record WorkflowStore(
    IFlowTemplateRepository Flows,
    IWorkflowDefinitionRepository Definitions,
    IWorkflowSlots Slots,
    FakeTimeProvider Clock,
    IWorkflowRevisions Revisions,
    IFlowChangeFeed Changes,
    RevisionsOptions RevisionSettings,
    ChangeSignals Signals);

/// <summary>Ids from a queue first (to force collisions), then random ones.</summary>
public sealed class ScriptedIdGenerator(params string[] ids) : IIdGenerator
{
    private readonly Queue<string> _ids = new(ids);
    private readonly Identifiers.RandomIdGenerator _random = new();

    public string NewClosingReasonId() => _random.NewClosingReasonId();

    public string NewItemId() => _random.NewItemId();

    public string NewTaskId() => _random.NewTaskId();

    public string NewWorkflowId()
    {
        lock (_ids)
        {
            return _ids.TryDequeue(out var id) ? id : _random.NewWorkflowId();
        }
    }
}
