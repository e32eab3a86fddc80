using Microsoft.Extensions.Options;
using MongoDB.Driver;

namespace WorkflowDefinitions.Infrastructure.Persistence.Mongo;

/// <summary>The service's collections in the configured database, and the transactions that write them.</summary>
public sealed class MongoCollections
{
    public const string ClosingReasonsName = "closing_reasons";
    public const string ClosingReasonCatalogsName = "closing_reason_catalogs";
    public const string FlowTemplatesName = "flow_templates";
    public const string WorkflowQuotaName = "workflow_quota";
    public const string WorkflowIdsName = "workflow_ids";
    public const string AutomationFlowsName = "automation_flows";
    public const string WorkflowDefinitionsName = "workflow_definitions";
    public const string WorkflowRevisionsName = "workflow_revisions";
    public const string FlowChangesName = "flow_changes";
    public const string FlowChangeSequencesName = "flow_change_sequences";

    public MongoCollections(IMongoClient client, IOptions<StorageOptions> options, TimeProvider clock)
    {
        MongoMappings.Register();
        Transactions = new MongoTransactions(client, options.Value.Mongo, clock);
        Database = client.GetDatabase(options.Value.Mongo.Database);
        ClosingReasons = Database.GetCollection<ClosingReasonDocument>(ClosingReasonsName);
        ClosingReasonCatalogs = Database.GetCollection<ClosingReasonCatalogDocument>(ClosingReasonCatalogsName);
        FlowTemplates = Database.GetCollection<FlowTemplateDocument>(FlowTemplatesName);
        WorkflowQuota = Database.GetCollection<WorkflowQuotaDocument>(WorkflowQuotaName);
        WorkflowIds = Database.GetCollection<WorkflowIdDocument>(WorkflowIdsName);
        AutomationFlows = Database.GetCollection<AutomationFlowDocument>(AutomationFlowsName);
        WorkflowDefinitions = Database.GetCollection<WorkflowDefinitionDocument>(WorkflowDefinitionsName);
        WorkflowRevisions = Database.GetCollection<WorkflowRevisionDocument>(WorkflowRevisionsName);
        FlowChanges = Database.GetCollection<FlowChangeDocument>(FlowChangesName);
        FlowChangeSequences = Database.GetCollection<FlowChangeSequenceDocument>(FlowChangeSequencesName);
    }

    public IMongoClient Client => Database.Client;

    public MongoTransactions Transactions { get; }

    public IMongoDatabase Database { get; }

    public IMongoCollection<ClosingReasonDocument> ClosingReasons { get; }

    public IMongoCollection<ClosingReasonCatalogDocument> ClosingReasonCatalogs { get; }

    public IMongoCollection<FlowTemplateDocument> FlowTemplates { get; }

    public IMongoCollection<WorkflowQuotaDocument> WorkflowQuota { get; }

    public IMongoCollection<WorkflowIdDocument> WorkflowIds { get; }

    public IMongoCollection<AutomationFlowDocument> AutomationFlows { get; }

    public IMongoCollection<WorkflowDefinitionDocument> WorkflowDefinitions { get; }

    public IMongoCollection<WorkflowRevisionDocument> WorkflowRevisions { get; }

    public IMongoCollection<FlowChangeDocument> FlowChanges { get; }

    public IMongoCollection<FlowChangeSequenceDocument> FlowChangeSequences { get; }
}
