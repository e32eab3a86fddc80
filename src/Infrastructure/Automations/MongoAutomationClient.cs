using System.Text.Json.Nodes;
using MongoDB.Driver;
using WorkflowDefinitions.Application.Automations;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.Organizations;
using WorkflowDefinitions.Infrastructure.Persistence;
using WorkflowDefinitions.Infrastructure.Persistence.Mongo;

namespace WorkflowDefinitions.Infrastructure.Automations;

/// <summary>The embedded automation store on MongoDB (used when no Automation API is configured, D57).</summary>
public sealed class MongoAutomationClient(MongoCollections collections, TimeProvider clock) : IAutomationClient
{
    private static readonly FilterDefinitionBuilder<AutomationFlowDocument> Filter = Builders<AutomationFlowDocument>.Filter;

    public static FilterDefinition<AutomationFlowDocument> ById(OrganizationId organizationId, string flowId) =>
        Filter.Eq(d => d.OrganizationId, organizationId.Value) & Filter.Eq(d => d.Id, flowId);

    public async Task<JsonObject> CreateFlowAsync(OrganizationId organizationId, JsonObject flow, CancellationToken cancellationToken)
    {
        EmbeddedAutomationFlows.EnsureValid(flow);
        var now = clock.GetUtcNow();
        var stored = EmbeddedAutomationFlows.Stamp(flow, EmbeddedAutomationFlows.NewId(), organizationId, now, now);
        await collections.AutomationFlows.InsertOneAsync(Document(organizationId, stored), cancellationToken: cancellationToken);
        return stored;
    }

    public async Task<JsonObject?> GetFlowAsync(OrganizationId organizationId, string flowId, CancellationToken cancellationToken)
    {
        var document = await collections.AutomationFlows.Find(ById(organizationId, flowId)).FirstOrDefaultAsync(cancellationToken);
        return document is null ? null : StoredJson.DeserializeObject(document.Document);
    }

    public async Task<JsonObject> PutFlowAsync(OrganizationId organizationId, string flowId, JsonObject flow, CancellationToken cancellationToken)
    {
        EmbeddedAutomationFlows.EnsureValid(flow);
        var existing = await GetFlowAsync(organizationId, flowId, cancellationToken)
            ?? throw new AutomationRejectedException($"Automation flow {ClientText.Quote(flowId)} was not found");
        var createdAt = DateTimeOffset.Parse(existing["created_at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        var stored = EmbeddedAutomationFlows.Stamp(flow, flowId, organizationId, createdAt, clock.GetUtcNow());
        await collections.AutomationFlows.ReplaceOneAsync(ById(organizationId, flowId), Document(organizationId, stored), cancellationToken: cancellationToken);
        return stored;
    }

    public Task DeleteFlowAsync(OrganizationId organizationId, string flowId, CancellationToken cancellationToken) =>
        collections.AutomationFlows.DeleteOneAsync(ById(organizationId, flowId), cancellationToken);

    private static AutomationFlowDocument Document(OrganizationId organizationId, JsonObject stored) => new()
    {
        OrganizationId = organizationId.Value,
        Id = stored["id"]!.GetValue<string>(),
        Document = StoredJson.Serialize(stored),
    };
}
