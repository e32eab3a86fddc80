using MongoDB.Driver;

namespace WorkflowDefinitions.Infrastructure.Persistence.Mongo;

/// <summary>The indexes each collection needs; created idempotently at start-up.</summary>
public static class MongoIndexes
{
    public static IReadOnlyList<CreateIndexModel<ClosingReasonDocument>> ClosingReasons { get; } =
    [
        new(Builders<ClosingReasonDocument>.IndexKeys.Ascending(d => d.OrganizationId).Ascending(d => d.Id),
            new CreateIndexOptions { Name = "ux_organization_id", Unique = true }),
        new(Builders<ClosingReasonDocument>.IndexKeys
                .Ascending(d => d.OrganizationId).Ascending(d => d.CreationTime).Ascending(d => d.Id),
            new CreateIndexOptions { Name = "ix_organization_catalog_order" }),
    ];

    public static IReadOnlyList<CreateIndexModel<ClosingReasonCatalogDocument>> ClosingReasonCatalogs { get; } =
    [
        new(Builders<ClosingReasonCatalogDocument>.IndexKeys.Ascending(d => d.OrganizationId),
            new CreateIndexOptions { Name = "ux_organization", Unique = true }),
    ];

    public static IReadOnlyList<CreateIndexModel<FlowTemplateDocument>> FlowTemplates { get; } =
    [
        new(Builders<FlowTemplateDocument>.IndexKeys.Ascending(d => d.OrganizationId).Ascending(d => d.Id),
            new CreateIndexOptions { Name = "ux_organization_id", Unique = true }),
        new(Builders<FlowTemplateDocument>.IndexKeys.Ascending(d => d.OrganizationId).Descending(d => d.UpdatedAt).Ascending(d => d.Id),
            new CreateIndexOptions { Name = "ix_organization_updated" }),
        new(Builders<FlowTemplateDocument>.IndexKeys.Ascending(d => d.OrganizationId).Ascending(d => d.CreatedAt).Ascending(d => d.Id),
            new CreateIndexOptions { Name = "ix_organization_created" }),
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
            new CreateIndexOptions { Name = "ux_organization_id", Unique = true }),
        new(Builders<WorkflowIdDocument>.IndexKeys.Ascending(d => d.OrganizationId).Ascending(d => d.Kind).Ascending(d => d.ReservedUntil),
            new CreateIndexOptions { Name = "ix_organization_kind_reserved_until" }),
    ];

    public static IReadOnlyList<CreateIndexModel<AutomationFlowDocument>> AutomationFlows { get; } =
    [
        new(Builders<AutomationFlowDocument>.IndexKeys.Ascending(d => d.OrganizationId).Ascending(d => d.Id),
            new CreateIndexOptions { Name = "ux_organization_id", Unique = true }),
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
            new CreateIndexOptions { Name = "ux_organization_id", Unique = true }),
        new(Builders<WorkflowDefinitionDocument>.IndexKeys.Ascending(d => d.OrganizationId).Ascending(d => d.CreationTime).Ascending(d => d.Id),
            new CreateIndexOptions { Name = "ix_organization_created" }),
    ];
}
