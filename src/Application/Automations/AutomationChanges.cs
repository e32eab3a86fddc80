using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.Automations;

/// <summary>
/// The changes one request makes to an organization's automation flows. Unless <see cref="Complete"/> is called, disposing
/// undoes them, newest first: flows it created are deleted and flows it replaced are put back (best effort: an undo that
/// fails is logged, the request's own failure is what the client sees). Use it with <c>await using</c>.
/// In a dry run nothing is created or replaced: flows are read as they would be, and a flow that would be created gets an
/// id that names nothing.
/// </summary>
public sealed partial class AutomationChanges(IAutomationClient automations, OrganizationId organizationId, WriteMode mode, ILogger logger)
    : IAsyncDisposable
{
    private readonly List<Change> _changes = [];
    private bool _completed;

    public OrganizationId OrganizationId { get; } = organizationId;

    /// <summary>Creates <paramref name="flow"/>; returns the new flow's id.</summary>
    public async Task<string> CreateAsync(JsonObject flow, CancellationToken cancellationToken)
    {
        if (mode == WriteMode.DryRun)
        {
            return Guid.NewGuid().ToString();
        }

        var id = AutomationFlows.IdOf(await automations.CreateFlowAsync(OrganizationId, flow, cancellationToken));
        _changes.Add(new Change(id, Before: null));
        return id;
    }

    /// <summary>Reads the flow, changes a writable copy of it with <paramref name="change"/> and puts it back.</summary>
    /// <exception cref="AutomationRejectedException">The flow does not exist (or the caller may not see it).</exception>
    public async Task ReplaceAsync(string flowId, Action<JsonObject> change, CancellationToken cancellationToken)
    {
        var current = await automations.GetFlowAsync(OrganizationId, flowId, cancellationToken)
            ?? throw new AutomationRejectedException($"Automation flow {ClientText.Quote(flowId)} was not found");
        var replacement = AutomationFlows.WritableCopy(current);
        change(replacement);
        if (mode == WriteMode.DryRun)
        {
            return;
        }

        await automations.PutFlowAsync(OrganizationId, flowId, replacement, cancellationToken);
        _changes.Add(new Change(flowId, AutomationFlows.WritableCopy(current)));
    }

    /// <summary>The request succeeded: the changes stay.</summary>
    public void Complete() => _completed = true;

    /// <summary>
    /// Runs the store write these changes were made for. They stay when it stored, and also when the store cannot tell
    /// whether it did (<see cref="WriteOutcomeUnknownException"/>): a stored workflow must never point at an automation
    /// that was undone, while an automation nothing points at is harmless. Any other failure leaves them to be undone.
    /// </summary>
    public async Task CommitAsync(Func<Task> storeWrite)
    {
        try
        {
            await storeWrite();
        }
        catch (WriteOutcomeUnknownException)
        {
            Complete();
            LogKeptForUnknownOutcome(_changes.Count);
            throw;
        }

        Complete();
    }

    public async ValueTask DisposeAsync()
    {
        if (_completed)
        {
            return;
        }

        _completed = true;
        foreach (var change in Enumerable.Reverse(_changes))
        {
            await UndoAsync(change);
        }
    }

    private async Task UndoAsync(Change change)
    {
        try
        {
            if (change.Before is null)
            {
                await automations.DeleteFlowAsync(OrganizationId, change.FlowId, CancellationToken.None);
            }
            else
            {
                await automations.PutFlowAsync(OrganizationId, change.FlowId, change.Before, CancellationToken.None);
            }
        }
        catch (Exception exception) when (exception is AutomationUnavailableException or AutomationRejectedException or HttpRequestException or OperationCanceledException)
        {
            LogUndoFailed(exception, change.Before is null ? "delete" : "restore", change.FlowId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kept {Count} automation changes: the store could not tell whether the write they belong to was stored")]
    private partial void LogKeptForUnknownOutcome(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not {Action} automation flow {FlowId} while undoing a failed request")]
    private partial void LogUndoFailed(Exception exception, string action, string flowId);

    /// <summary>A flow created (<see cref="Before"/> null) or replaced (<see cref="Before"/> its writable copy before).</summary>
    private sealed record Change(string FlowId, JsonObject? Before);
}
