using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Domain.FlowTemplates;

/// <summary>
/// A V2 flow template: a valid <see cref="FlowDocument"/> owned by one organization, with its server-managed fields.
/// It cannot hold an invalid or unprocessed document: documents come from <see cref="FlowDocument.Parse"/>, and any
/// transient automation fields must have been processed before they are stored.
/// </summary>
public sealed class FlowTemplate
{
    private FlowTemplate(
        OrganizationId organizationId, FlowTemplateId id, FlowDocument document, DateTimeOffset createdAt, DateTimeOffset updatedAt, long revision, long? storedRevision)
    {
        OrganizationId = organizationId;
        Id = id;
        Document = document;
        CreatedAt = createdAt;
        UpdatedAt = updatedAt;
        Revision = revision;
        StoredRevision = storedRevision;
    }

    public OrganizationId OrganizationId { get; }

    public FlowTemplateId Id { get; }

    public FlowDocument Document { get; private set; }

    public DateTimeOffset CreatedAt { get; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>The revision of this state: a stored item's changes give it the next one (see <see cref="Revisions"/>).</summary>
    public long Revision { get; private set; }

    /// <summary>The revision this instance was read at, which the store must still hold for a change to be written; null before the first write.</summary>
    public long? StoredRevision { get; }

    public static FlowTemplate Create(OrganizationId organizationId, FlowTemplateId id, FlowDocument document, DateTimeOffset now)
    {
        EnsureProcessed(document);
        var created = ServerTime.Normalize(now);
        return new FlowTemplate(organizationId, id, document, created, created, Revisions.ForNewItem(), storedRevision: null);
    }

    /// <summary>Rebuilds a stored template as it was written.</summary>
    public static FlowTemplate Restore(
        OrganizationId organizationId, FlowTemplateId id, FlowDocument document, DateTimeOffset createdAt, DateTimeOffset updatedAt, long revision) =>
        new(organizationId, id, document, createdAt, updatedAt, revision, revision);

    /// <summary>Full replacement (updateFlowTemplate). <c>updated_at</c> strictly increases (contract D20).</summary>
    public void Replace(FlowDocument document, DateTimeOffset now)
    {
        EnsureProcessed(document);
        Document = document;
        UpdatedAt = ServerTime.UpdatedAfter(UpdatedAt, now);
        Revision = Revisions.After(StoredRevision, Revision);
    }

    /// <summary>Whether a client's <c>updated_at</c> names the stored version (the optimistic-concurrency check, D20).</summary>
    public bool IsAt(DateTimeOffset clientUpdatedAt) => ServerTime.Normalize(clientUpdatedAt) == UpdatedAt;

    /// <summary>
    /// The document of an independent copy (contract §6.1 / D47): named "&lt;name&gt; (Copy)", without <c>_manifest</c>,
    /// everything else as it is. It is checked again, since the rules may have changed since the source was stored.
    /// </summary>
    /// <exception cref="InvalidDocumentException">The source breaks the current rules or caps.</exception>
    public FlowDocument DuplicateDocument(HardLimits caps) =>
        FlowDocument.Parse(JsonObjectCopy.Text(Document.Text.Span, removed: ["_manifest"], replaced: ("name", $"{Document.Name} (Copy)")), caps);

    private static void EnsureProcessed(FlowDocument document)
    {
        if (document.AutomationRequests.Count > 0)
        {
            throw new InvalidOperationException("The document's transient automation fields must be processed before it is stored.");
        }
    }
}
