using MongoDB.Driver;

namespace WorkflowDefinitions.Infrastructure.Persistence.Mongo;

/// <summary>
/// The indexes each collection needs, named; <see cref="MongoIndexInitializer"/> brings a database to them at start-up.
/// Every query the adapter issues has one that serves its filter and its sort: the sorted lists and the search name theirs
/// as a hint (the planner could otherwise pick an index for the filter and sort up to 6 MiB documents in memory).
/// </summary>
public static class MongoIndexes
{
    public const string ById = "ux_organization_id";
    public const string FlowsByUpdatedDescending = "ix_organization_updated";
    public const string FlowsByUpdatedAscending = "ix_organization_updated_ascending";
    public const string FlowsByCreatedAscending = "ix_organization_created";
    public const string FlowsByCreatedDescending = "ix_organization_created_descending";
    public const string DefinitionsByCreation = "ix_organization_created";
    public const string ClosingReasonsByCreation = "ix_organization_catalog_order";

    public static IReadOnlyList<CreateIndexModel<ClosingReasonDocument>> ClosingReasons { get; } =
    [
        new(Builders<ClosingReasonDocument>.IndexKeys.Ascending(d => d.OrganizationId).Ascending(d => d.Id),
            new CreateIndexOptions { Name = ById, Unique = true }),
        new(Builders<ClosingReasonDocument>.IndexKeys
                .Ascending(d => d.OrganizationId).Ascending(d => d.CreationTime).Ascending(d => d.Id),
            new CreateIndexOptions { Name = ClosingReasonsByCreation }),
    ];

    public static IReadOnlyList<CreateIndexModel<ClosingReasonCatalogDocument>> ClosingReasonCatalogs { get; } =
    [
        new(Builders<ClosingReasonCatalogDocument>.IndexKeys.Ascending(d => d.OrganizationId),
            new CreateIndexOptions { Name = "ux_organization", Unique = true }),
    ];

    public static IReadOnlyList<CreateIndexModel<FlowTemplateDocument>> FlowTemplates { get; } =
    [
        new(Builders<FlowTemplateDocument>.IndexKeys.Ascending(d => d.OrganizationId).Ascending(d => d.Id),
            new CreateIndexOptions { Name = ById, Unique = true }),
        new(Builders<FlowTemplateDocument>.IndexKeys.Ascending(d => d.OrganizationId).Descending(d => d.UpdatedAt).Ascending(d => d.Id),
            new CreateIndexOptions { Name = FlowsByUpdatedDescending }),
        new(Builders<FlowTemplateDocument>.IndexKeys.Ascending(d => d.OrganizationId).Ascending(d => d.UpdatedAt).Ascending(d => d.Id),
            new CreateIndexOptions { Name = FlowsByUpdatedAscending }),
        new(Builders<FlowTemplateDocument>.IndexKeys.Ascending(d => d.OrganizationId).Ascending(d => d.CreatedAt).Ascending(d => d.Id),
            new CreateIndexOptions { Name = FlowsByCreatedAscending }),
        new(Builders<FlowTemplateDocument>.IndexKeys.Ascending(d => d.OrganizationId).Descending(d => d.CreatedAt).Ascending(d => d.Id),
            new CreateIndexOptions { Name = FlowsByCreatedDescending }),
        new(Builders<FlowTemplateDocument>.IndexKeys.Ascending(d => d.OrganizationId).Ascending(d => d.NameGrams),
            new CreateIndexOptions { Name = MongoFlowNameIndex.IndexName }),
        new(Builders<FlowTemplateDocument>.IndexKeys.Ascending(d => d.OrganizationId).Ascending("triggers.type").Ascending("triggers.automationId"),
            new CreateIndexOptions { Name = "ix_organization_trigger_type" }),
        new(Builders<FlowTemplateDocument>.IndexKeys.Ascending(d => d.OrganizationId).Ascending("triggers.automationId"),
            new CreateIndexOptions { Name = "ix_organization_trigger_automation" }),
        new(Builders<FlowTemplateDocument>.IndexKeys.Ascending(d => d.OrganizationId).Ascending("triggers.journeyId"),
            new CreateIndexOptions { Name = "ix_organization_trigger_journey" }),
    ];

    public static IReadOnlyList<CreateIndexModel<WorkflowQuotaDocument>> WorkflowQuota { get; } =
    [
        new(Builders<WorkflowQuotaDocument>.IndexKeys.Ascending(d => d.OrganizationId),
            new CreateIndexOptions { Name = "ux_organization", Unique = true }),
    ];

    public static IReadOnlyList<CreateIndexModel<WorkflowIdDocument>> WorkflowIds { get; } =
    [
        new(Builders<WorkflowIdDocument>.IndexKeys.Ascending(d => d.OrganizationId).Ascending(d => d.Id),
            new CreateIndexOptions { Name = ById, Unique = true }),
        new(Builders<WorkflowIdDocument>.IndexKeys.Ascending(d => d.OrganizationId).Ascending(d => d.Kind).Ascending(d => d.ReservedUntil),
            new CreateIndexOptions { Name = "ix_organization_kind_reserved_until" }),
    ];

    public static IReadOnlyList<CreateIndexModel<AutomationFlowDocument>> AutomationFlows { get; } =
    [
        new(Builders<AutomationFlowDocument>.IndexKeys.Ascending(d => d.OrganizationId).Ascending(d => d.Id),
            new CreateIndexOptions { Name = ById, Unique = true }),
    ];

    public static IReadOnlyList<CreateIndexModel<WorkflowRevisionDocument>> WorkflowRevisions { get; } =
    [
        new(Builders<WorkflowRevisionDocument>.IndexKeys
                .Ascending(d => d.OrganizationId).Ascending(d => d.Kind).Ascending(d => d.WorkflowId).Descending(d => d.Number),
            new CreateIndexOptions { Name = "ux_workflow_number", Unique = true }),
    ];

    public static IReadOnlyList<CreateIndexModel<FlowChangeDocument>> FlowChanges { get; } =
    [
        new(Builders<FlowChangeDocument>.IndexKeys.Ascending(d => d.OrganizationId).Ascending(d => d.Sequence),
            new CreateIndexOptions { Name = "ux_organization_sequence", Unique = true }),
        new(Builders<FlowChangeDocument>.IndexKeys.Ascending(d => d.At),
            new CreateIndexOptions { Name = "ix_at" }),
    ];

    public static IReadOnlyList<CreateIndexModel<FlowChangeSequenceDocument>> FlowChangeSequences { get; } =
    [
        new(Builders<FlowChangeSequenceDocument>.IndexKeys.Ascending(d => d.OrganizationId),
            new CreateIndexOptions { Name = "ux_organization", Unique = true }),
    ];

    public static IReadOnlyList<CreateIndexModel<WorkflowDefinitionDocument>> WorkflowDefinitions { get; } =
    [
        new(Builders<WorkflowDefinitionDocument>.IndexKeys.Ascending(d => d.OrganizationId).Ascending(d => d.Id),
            new CreateIndexOptions { Name = ById, Unique = true }),
        new(Builders<WorkflowDefinitionDocument>.IndexKeys.Ascending(d => d.OrganizationId).Ascending(d => d.CreationTime).Ascending(d => d.Id),
            new CreateIndexOptions { Name = DefinitionsByCreation }),
    ];
}
