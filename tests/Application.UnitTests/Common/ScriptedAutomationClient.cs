using System.Text.Json.Nodes;
using WorkflowDefinitions.Application.Automations;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.UnitTests.Common;

/// <summary>One call the use case made to the automation client: its kind, its number among calls of that kind (from 1), the flow.</summary>
public sealed record AutomationCall(string Kind, int Number, string? FlowId)
{
    public const string Create = "create";
    public const string Get = "get";
    public const string Put = "put";
    public const string Delete = "delete";

    public override string ToString() => FlowId is null ? $"{Kind} #{Number}" : $"{Kind} #{Number} {FlowId}";
}

/// <summary>
/// A real automation store (the embedded SQLite one) behind a script: every call is recorded, and <see cref="Fault"/>
/// may fail any call, e.g. the second create, with the exception a real Automation API client would throw.
/// </summary>
public sealed class ScriptedAutomationClient(IAutomationClient store) : IAutomationClient
{
    private readonly List<AutomationCall> _calls = [];

    public IReadOnlyList<AutomationCall> Calls
    {
        get
        {
            lock (_calls)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>Given a call about to be made, the exception to fail it with, or null to make it.</summary>
    public Func<AutomationCall, Exception?> Fault { get; set; } = _ => null;

    public static Exception Outage() => new AutomationUnavailableException("Automation API answered 502 (injected)");

    public static Exception Rejection() => new AutomationRejectedException("Automation API rejected the request (422): injected 422");

    public async Task<JsonObject> CreateFlowAsync(OrganizationId organizationId, JsonObject flow, CancellationToken cancellationToken)
    {
        Record(AutomationCall.Create, null);
        return await store.CreateFlowAsync(organizationId, flow, cancellationToken);
    }

    public async Task<JsonObject?> GetFlowAsync(OrganizationId organizationId, string flowId, CancellationToken cancellationToken)
    {
        Record(AutomationCall.Get, flowId);
        return await store.GetFlowAsync(organizationId, flowId, cancellationToken);
    }

    public async Task<JsonObject> PutFlowAsync(OrganizationId organizationId, string flowId, JsonObject flow, CancellationToken cancellationToken)
    {
        Record(AutomationCall.Put, flowId);
        return await store.PutFlowAsync(organizationId, flowId, flow, cancellationToken);
    }

    public async Task DeleteFlowAsync(OrganizationId organizationId, string flowId, CancellationToken cancellationToken)
    {
        Record(AutomationCall.Delete, flowId);
        await store.DeleteFlowAsync(organizationId, flowId, cancellationToken);
    }

    /// <summary>Starts a new script: no calls recorded, no faults.</summary>
    public void Reset()
    {
        lock (_calls)
        {
            _calls.Clear();
        }

        Fault = _ => null;
    }

    private void Record(string kind, string? flowId)
    {
        AutomationCall call;
        lock (_calls)
        {
            call = new AutomationCall(kind, _calls.Count(c => c.Kind == kind) + 1, flowId);
            _calls.Add(call);
        }

        if (Fault(call) is { } exception)
        {
            throw exception;
        }
    }
}
