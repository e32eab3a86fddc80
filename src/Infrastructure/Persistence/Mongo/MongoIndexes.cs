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
}
