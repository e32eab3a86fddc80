using System.Diagnostics.Metrics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using WorkflowDefinitions.Application.Automations;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Common.Metrics;
using WorkflowDefinitions.Application.FlowTemplates;
using WorkflowDefinitions.Application.FlowTemplates.CreateFlowTemplate;
using WorkflowDefinitions.Application.FlowTemplates.DeleteFlowTemplate;
using WorkflowDefinitions.Application.FlowTemplates.DuplicateFlowTemplate;
using WorkflowDefinitions.Application.FlowTemplates.ExportFlowTemplate;
using WorkflowDefinitions.Application.FlowTemplates.ImportFlowTemplate;
using WorkflowDefinitions.Application.FlowTemplates.UpdateFlowTemplate;
using WorkflowDefinitions.Application.LegacyWorkflowDefinitions;
using WorkflowDefinitions.Application.LegacyWorkflowDefinitions.CreateDefinition;
using WorkflowDefinitions.Application.LegacyWorkflowDefinitions.DeleteDefinition;
using WorkflowDefinitions.Application.Workflows;
using WorkflowDefinitions.Application.Workflows.History;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.FlowTemplates;
using WorkflowDefinitions.Domain.Organizations;
using WorkflowDefinitions.Infrastructure.Automations;
using WorkflowDefinitions.Infrastructure.Identifiers;
using WorkflowDefinitions.Infrastructure.Persistence.Sqlite;

namespace WorkflowDefinitions.Application.UnitTests.Common;

/// <summary>
/// The workflow use cases as the service runs them, on a real SQLite file (STYLE §7): the stores' adapters, the quota at
/// <see cref="MaxWorkflows"/>, the embedded automation store behind a <see cref="ScriptedAutomationClient"/>, and a clock
/// the test moves. Each handler is built afresh, as the service builds one per request.
/// </summary>
public sealed class UseCases : IDisposable
{
    public static readonly OrganizationId Organization = new("use-case-org");

    private readonly SqliteConnectionFactory _connections;
    private readonly ServiceProvider _metricsServices = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly WorkflowLimitsOptions _limits = new();

    private UseCases(SqliteConnectionFactory connections)
    {
        _connections = connections;
        Flows = new InterceptedFlowStore(new SqliteFlowTemplateRepository(connections, new SqliteSearchCache(8 << 20), Revisions, Signals, Clock));
        Definitions = new InterceptedDefinitionStore(new SqliteWorkflowDefinitionRepository(connections, Revisions));
        History = new SqliteWorkflowRevisions(connections);
        Changes = new SqliteFlowChangeFeed(connections);
        Slots = new SqliteWorkflowSlots(connections, new RandomIdGenerator(), Clock);
        Automations = new ScriptedAutomationClient(new SqliteAutomationClient(connections, Clock));
        Metrics = new WorkflowMetrics(_metricsServices.GetRequiredService<IMeterFactory>());
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero));

    public InterceptedFlowStore Flows { get; }

    public InterceptedDefinitionStore Definitions { get; }

    public IWorkflowSlots Slots { get; }

    public RevisionsOptions Revisions { get; } = new();

    public ChangeSignals Signals { get; } = new();

    public IWorkflowRevisions History { get; }

    public IFlowChangeFeed Changes { get; }

    public ScriptedAutomationClient Automations { get; }

    public WorkflowMetrics Metrics { get; }

    public HardLimits Caps { get; set; } = HardLimits.Default;

    public FlowLimits FlowLimits { get; set; } = new();

    public int MaxWorkflows
    {
        get => _limits.DefaultMaxAllowed;
        set => _limits.DefaultMaxAllowed = value;
    }

    public static async Task<UseCases> StartAsync(SqliteFixture sqlite) => new(await sqlite.CreateDatabaseAsync());

    public CreateFlowTemplateCommandHandler CreateFlow() =>
        new(Flows, Quota(), FlowAutomations(), FlowLimits, Caps, Tags(), FlowHistory(), Metrics, Clock);

    public UpdateFlowTemplateCommandHandler UpdateFlow() => new(Flows, FlowLimits, Caps, FlowAutomations(), Tags(), FlowHistory(), Metrics, new AlwaysRoom(), Clock);

    public DuplicateFlowTemplateCommandHandler DuplicateFlow() =>
        new(Flows, Quota(), FlowAutomations(), FlowLimits, Caps, Tags(), FlowHistory(), Metrics, new AlwaysRoom(), Clock);

    public ImportFlowTemplateCommandHandler ImportFlow() =>
        new(Flows, Quota(), FlowAutomations(), FlowLimits, Caps, new RandomIdGenerator(), FlowHistory(), Metrics, Clock);

    public ExportFlowTemplateQueryHandler ExportFlow() => new(Flows, Automations, Caps, new AlwaysRoom());

    public DeleteFlowTemplateCommandHandler DeleteFlow() => new(Flows, Tags(), Metrics, new AlwaysRoom());

    public CreateDefinitionCommandHandler CreateDefinition() =>
        new(Definitions, Quota(), new RandomIdGenerator(), Caps, Metrics, Clock);

    public DeleteDefinitionCommandHandler DeleteDefinition() => new(Definitions, Metrics, new AlwaysRoom());

    public WorkflowQuota Quota() => new(Slots, _limits, new RandomIdGenerator());

    public FlowTemplateTags Tags() => new(FlowLimits);

    public FlowTemplateHistory FlowHistory() => new(Tags());

    public FlowAutomations FlowAutomations() => new(Automations, Caps, NullLogger<FlowAutomations>.Instance);

    /// <summary>Creates a flow through the use case; returns it as answered.</summary>
    public async Task<JsonObject> CreateFlowAsync(string body) =>
        Answers.Read((await CreateFlow().Handle(new CreateFlowTemplateCommand(Organization, Json(body), EnforceLimits: false), CancellationToken.None)).Value.Answer);

    /// <summary>Workflows (flows and definitions) stored in the organization, as the quota counts them.</summary>
    public Task<int> WorkflowCountAsync() => Slots.CountAsync(Organization, CancellationToken.None);

    /// <summary>Every automation flow of the organization in the embedded store, read directly (no recorded call).</summary>
    public async Task<IReadOnlyList<JsonObject>> AutomationFlowsAsync()
    {
        await using var connection = await _connections.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT document FROM automation_flows WHERE organization_id = @organization_id ORDER BY id";
        command.Parameters.AddWithValue("@organization_id", Organization.Value);
        var flows = new List<JsonObject>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            flows.Add(JsonNode.Parse(reader.GetString(0))!.AsObject());
        }

        return flows;
    }

    public static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement;

    public void Dispose()
    {
        _metricsServices.Dispose();
        SqliteConnection.ClearAllPools();
    }

    /// <summary>
    /// The Api's answers' budget is not part of the use cases: room is always there at once, and what a read holds until
    /// its response is sent is left to the garbage collector (the tests read answers after their handlers return).
    /// </summary>
    private sealed class AlwaysRoom : IAnswerRoom
    {
        public Task<IDisposable> TakeAsync(OrganizationId organizationId, long bytes, CancellationToken cancellationToken) =>
            Task.FromResult<IDisposable>(new NoRoom());

        public void HoldUntilSent(IDisposable held)
        {
        }

        private sealed class NoRoom : IDisposable
        {
            public void Dispose()
            {
            }
        }
    }
}
