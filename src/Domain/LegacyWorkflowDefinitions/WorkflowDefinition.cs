using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Domain.LegacyWorkflowDefinitions;

/// <summary>A V1 workflow definition: a valid <see cref="DefinitionDocument"/> owned by one organization.</summary>
public sealed class WorkflowDefinition
{
    private WorkflowDefinition(
        OrganizationId organizationId, WorkflowDefinitionId id, DefinitionDocument document, DateTimeOffset creationTime, DateTimeOffset lastUpdateTime, long revision, long? storedRevision)
    {
        OrganizationId = organizationId;
        Id = id;
        Document = document;
        CreationTime = creationTime;
        LastUpdateTime = lastUpdateTime;
        Revision = revision;
        StoredRevision = storedRevision;
    }

    public OrganizationId OrganizationId { get; }

    public WorkflowDefinitionId Id { get; }

    public DefinitionDocument Document { get; private set; }

    public DateTimeOffset CreationTime { get; }

    public DateTimeOffset LastUpdateTime { get; private set; }

    /// <summary>The revision of this state: a stored item's changes give it the next one (see <see cref="Revisions"/>).</summary>
    public long Revision { get; private set; }

    /// <summary>The revision this instance was read at, which the store must still hold for a change to be written; null before the first write.</summary>
    public long? StoredRevision { get; }

    public static WorkflowDefinition Create(OrganizationId organizationId, WorkflowDefinitionId id, DefinitionDocument document, DateTimeOffset now)
    {
        var created = ServerTime.Normalize(now);
        return new WorkflowDefinition(organizationId, id, document, created, created, Revisions.ForNewItem(), storedRevision: null);
    }

    public static WorkflowDefinition Restore(
        OrganizationId organizationId, WorkflowDefinitionId id, DefinitionDocument document, DateTimeOffset creationTime, DateTimeOffset lastUpdateTime, long revision) =>
        new(organizationId, id, document, creationTime, lastUpdateTime, revision, revision);

    /// <summary>Full replacement (updateDefinition, setWorkflowClosingReasons): the creation time stays.</summary>
    public void Replace(DefinitionDocument document, DateTimeOffset now)
    {
        Document = document;
        LastUpdateTime = ServerTime.UpdatedAfter(LastUpdateTime, now);
        Revision = Revisions.After(StoredRevision, Revision);
    }
}
