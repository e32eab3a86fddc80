using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Domain.LegacyWorkflowDefinitions;

/// <summary>A V1 workflow definition: a valid <see cref="DefinitionDocument"/> owned by one organization.</summary>
public sealed class WorkflowDefinition
{
    private WorkflowDefinition(
        OrganizationId organizationId, WorkflowDefinitionId id, DefinitionDocument document, DateTimeOffset creationTime, DateTimeOffset lastUpdateTime, long revision)
    {
        OrganizationId = organizationId;
        Id = id;
        Document = document;
        CreationTime = creationTime;
        LastUpdateTime = lastUpdateTime;
        Revision = revision;
    }

    public OrganizationId OrganizationId { get; }

    public WorkflowDefinitionId Id { get; }

    public DefinitionDocument Document { get; private set; }

    public DateTimeOffset CreationTime { get; }

    public DateTimeOffset LastUpdateTime { get; private set; }

    /// <summary>Concurrency token of the stored copy this instance was read from; 0 before the first write.</summary>
    public long Revision { get; }

    public static WorkflowDefinition Create(OrganizationId organizationId, WorkflowDefinitionId id, DefinitionDocument document, DateTimeOffset now)
    {
        var created = ServerTime.Normalize(now);
        return new WorkflowDefinition(organizationId, id, document, created, created, revision: 0);
    }

    public static WorkflowDefinition Restore(
        OrganizationId organizationId, WorkflowDefinitionId id, DefinitionDocument document, DateTimeOffset creationTime, DateTimeOffset lastUpdateTime, long revision) =>
        new(organizationId, id, document, creationTime, lastUpdateTime, revision);

    /// <summary>Full replacement (updateDefinition, setWorkflowClosingReasons): the creation time stays.</summary>
    public void Replace(DefinitionDocument document, DateTimeOffset now)
    {
        Document = document;
        LastUpdateTime = ServerTime.UpdatedAfter(LastUpdateTime, now);
    }
}
