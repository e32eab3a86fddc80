using System.Text.Json.Nodes;
using MongoDB.Driver;
using WorkflowDefinitions.Application.Automations;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.Organizations;
using WorkflowDefinitions.Infrastructure.Persistence;
using WorkflowDefinitions.Infrastructure.Persistence.Mongo;

namespace WorkflowDefinitions.Infrastructure.Automations;

/// <summary>
/// The embedded automation store on MongoDB (used when no Automation API is configured, D57). A replacement is
/// conditional on the revision it read, so it never lands on a flow deleted or replaced in between.
/// </summary>
public sealed class MongoAutomationClient(MongoCollections collections, TimeProvider clock) : IAutomationClient
{
    private static readonly FilterDefinitionBuilder<AutomationFlowDocument> Filter = Builders<AutomationFlowDocument>.Filter;

    public static FilterDefinition<AutomationFlowDocument> ById(OrganizationId organizationId, string flowId) =>
        Filter.Eq(d => d.OrganizationId, organizationId.Value) & Filter.Eq(d => d.Id, flowId);

    /// <summary>The flow while it is at <paramref name="revision"/> (a flow stored before revisions has none: revision 0).</summary>
    public static FilterDefinition<AutomationFlowDocument> ByIdAtRevision(OrganizationId organizationId, string flowId, long revision) =>
        ById(organizationId, flowId) & (revision == 0 ? Filter.Eq(d => d.Revision, 0) | Filter.Exists(d => d.Revision, exists: false) : Filter.Eq(d => d.Revision, revision));

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
        for (var attempt = 0; attempt < EmbeddedAutomationFlows.MaxReplaceAttempts; attempt++)
        {
            var existing = await collections.AutomationFlows.Find(ById(organizationId, flowId)).FirstOrDefaultAsync(cancellationToken)
                ?? throw EmbeddedAutomationFlows.NotFound(flowId);
            var createdAt = EmbeddedAutomationFlows.CreatedAt(StoredJson.DeserializeObject(existing.Document));
            var stored = EmbeddedAutomationFlows.Stamp(flow, flowId, organizationId, createdAt, clock.GetUtcNow());
            var replaced = await collections.AutomationFlows.ReplaceOneAsync(
                ByIdAtRevision(organizationId, flowId, existing.Revision),
                Document(organizationId, stored) with { Revision = existing.Revision + 1 },
                cancellationToken: cancellationToken);
            if (replaced.MatchedCount == 1)
            {
                return stored;
            }
        }

        throw EmbeddedAutomationFlows.KeptChanging(flowId);
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
