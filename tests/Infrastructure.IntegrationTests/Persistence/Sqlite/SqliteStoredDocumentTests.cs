using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using WorkflowDefinitions.Application.Workflows.History;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.FlowTemplates;
using WorkflowDefinitions.Domain.LegacyWorkflowDefinitions;
using WorkflowDefinitions.Domain.Organizations;
using WorkflowDefinitions.Infrastructure.Identifiers;
using WorkflowDefinitions.Infrastructure.Persistence.Sqlite;

namespace WorkflowDefinitions.Infrastructure.IntegrationTests.Persistence.Sqlite;

/// <summary>
/// Documents are written as UTF-8 bytes. Databases written by earlier versions hold them as TEXT; those rows must read
/// back exactly, and a row rewritten by this version must read back the same.
/// </summary>
public class SqliteStoredDocumentTests
{
    private static readonly OrganizationId Organization = new("org");
    private const string NonAscii = "ü 😀 \u2028 \"quoted\" \\ \u0001";

    [Test]
    public async Task FlowTemplate_StoredAsTextByEarlierVersions_ReadsBackExactly()
    {
        using var database = new SqliteTestDatabase();
        var connections = await database.CreateAsync();
        var repository = new SqliteFlowTemplateRepository(connections, new SqliteSearchCache(8 << 20), new RevisionsOptions(), new ChangeSignals(), TimeProvider.System);
        var slots = new SqliteWorkflowSlots(connections, new RandomIdGenerator(), new FakeTimeProvider());
        var slot = await slots.ReserveAsync(Organization, 10, CancellationToken.None);
        var document = FlowDocument.Parse(
            JsonNode.Parse($$"""{"name": {{JsonValue.Create(NonAscii).ToJsonString()}}, "tasks": [], "edges": [], "x": [1.50, 1e3]}""")!.AsObject(),
            HardLimits.Default);
        var flow = FlowTemplate.Create(Organization, new FlowTemplateId(slot.WorkflowId), document, DateTimeOffset.UnixEpoch);
        await repository.AddAsync(flow, slot, CancellationToken.None);

        await StoreDocumentsAsTextAsync(connections, "flow_templates");
        var found = await repository.FindAsync(Organization, flow.Id, CancellationToken.None);

        Assert.That(found!.Document.ToJsonObject().ToJsonString(), Is.EqualTo(flow.Document.ToJsonObject().ToJsonString()));
        Assert.That(found.Document.ToJsonObject()["name"]!.GetValue<string>(), Is.EqualTo(NonAscii));
    }

    [Test]
    public async Task WorkflowDefinition_StoredAsTextByEarlierVersions_ReadsBackExactly()
    {
        using var database = new SqliteTestDatabase();
        var connections = await database.CreateAsync();
        var repository = new SqliteWorkflowDefinitionRepository(connections, new RevisionsOptions());
        var slots = new SqliteWorkflowSlots(connections, new RandomIdGenerator(), new FakeTimeProvider());
        var slot = await slots.ReserveAsync(Organization, 10, CancellationToken.None);
        var document = DefinitionDocument.Parse(
            JsonNode.Parse($$$"""{"name": {{{JsonValue.Create(NonAscii).ToJsonString()}}}, "flow": [], "x": {"y": 0.10}}""")!.AsObject(), () => "item",
            HardLimits.Default);
        var definition = WorkflowDefinition.Create(Organization, new WorkflowDefinitionId(slot.WorkflowId), document, DateTimeOffset.UnixEpoch);
        await repository.AddAsync(definition, slot, CancellationToken.None);

        await StoreDocumentsAsTextAsync(connections, "workflow_definitions");
        var found = await repository.FindAsync(Organization, definition.Id, CancellationToken.None);

        Assert.That(found!.Document.ToJsonObject().ToJsonString(), Is.EqualTo(definition.Document.ToJsonObject().ToJsonString()));
    }

    private static async Task StoreDocumentsAsTextAsync(SqliteConnectionFactory connections, string table)
    {
        await using var connection = await connections.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = $"UPDATE {table} SET document = CAST(document AS TEXT); SELECT DISTINCT typeof(document) FROM {table}";
        Assert.That(await command.ExecuteScalarAsync(), Is.EqualTo("text"), "the rows now look like an earlier version wrote them");
    }
}
