using System.Collections.Frozen;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Domain.ClosingReasons;

/// <summary>An entry of an organization's catalog of reasons for closing a workflow.</summary>
public sealed class ClosingReason
{
    /// <summary>
    /// Names the model owns. They are never kept as extra properties: <c>org_id</c>/<c>orgId</c> are dropped
    /// because the organization only comes from the token (contract D06); the timestamps are server-managed.
    /// </summary>
    public static IReadOnlySet<string> ReservedPropertyNames { get; } = FrozenSet.ToFrozenSet(
        ["id", "title", "status", "creationTime", "lastUpdateTime", "org_id", "orgId"], StringComparer.Ordinal);

    private ClosingReason(
        OrganizationId organizationId,
        ClosingReasonId id,
        string title,
        ClosingReasonStatus status,
        ExtraProperties extraProperties,
        DateTimeOffset creationTime,
        DateTimeOffset lastUpdateTime,
        long revision,
        long? storedRevision)
    {
        OrganizationId = organizationId;
        Id = id;
        Title = title;
        Status = status;
        ExtraProperties = extraProperties;
        CreationTime = creationTime;
        LastUpdateTime = lastUpdateTime;
        Revision = revision;
        StoredRevision = storedRevision;
    }

    public OrganizationId OrganizationId { get; }

    public ClosingReasonId Id { get; }

    public string Title { get; private set; }

    public ClosingReasonStatus Status { get; private set; }

    public ExtraProperties ExtraProperties { get; private set; }

    public DateTimeOffset CreationTime { get; }

    public DateTimeOffset LastUpdateTime { get; private set; }

    /// <summary>The revision of this state: a stored item's changes give it the next one (see <see cref="Revisions"/>).</summary>
    public long Revision { get; private set; }

    /// <summary>The revision this instance was read at, which the store must still hold for a change to be written; null before the first write.</summary>
    public long? StoredRevision { get; }

    public static ClosingReason Create(
        OrganizationId organizationId,
        ClosingReasonId id,
        string title,
        ClosingReasonStatus status,
        ExtraProperties extraProperties,
        DateTimeOffset now)
    {
        EnsureValidTitle(title);
        EnsureNoReservedNames(extraProperties);
        var created = ServerTime.Normalize(now);
        return new ClosingReason(organizationId, id, title, status, extraProperties, created, created, Revisions.ForNewItem(), storedRevision: null);
    }

    /// <summary>Rebuilds a stored reason as it was written; no rule is re-checked.</summary>
    public static ClosingReason Restore(
        OrganizationId organizationId,
        ClosingReasonId id,
        string title,
        ClosingReasonStatus status,
        ExtraProperties extraProperties,
        DateTimeOffset creationTime,
        DateTimeOffset lastUpdateTime,
        long revision) =>
        new(organizationId, id, title, status, extraProperties, creationTime, lastUpdateTime, revision, revision);

    /// <summary>Applies a partial update. Returns whether anything changed; only then is the update time bumped.</summary>
    public bool Apply(ClosingReasonChanges changes, DateTimeOffset now)
    {
        var title = changes.Title ?? Title;
        EnsureValidTitle(title);
        var status = changes.Status ?? Status;
        var extraProperties = ExtraProperties.Merge(changes.Patch, ReservedPropertyNames);

        if (title == Title && status == Status && extraProperties.Equals(ExtraProperties))
        {
            return false;
        }

        Title = title;
        Status = status;
        ExtraProperties = extraProperties;
        Touch(now);
        return true;
    }

    /// <summary>Sets the status. Setting the current status again changes nothing (contract D25).</summary>
    public bool ChangeStatus(ClosingReasonStatus status, DateTimeOffset now)
    {
        if (status == Status)
        {
            return false;
        }

        Status = status;
        Touch(now);
        return true;
    }

    private void Touch(DateTimeOffset now)
    {
        LastUpdateTime = ServerTime.UpdatedAfter(LastUpdateTime, now);
        Revision = Revisions.After(StoredRevision, Revision);
    }

    private static void EnsureValidTitle(string title)
    {
        if (!ClosingReasonBodies.IsValidTitle(title))
        {
            throw new InvalidDocumentException([ClosingReasonBodies.InvalidTitle()]);
        }
    }

    private static void EnsureNoReservedNames(ExtraProperties extraProperties)
    {
        var reserved = extraProperties.Names.FirstOrDefault(ReservedPropertyNames.Contains);
        if (reserved is not null)
        {
            throw new ArgumentException($"'{reserved}' is a named property of a closing reason, not an extra one.", nameof(extraProperties));
        }
    }
}
