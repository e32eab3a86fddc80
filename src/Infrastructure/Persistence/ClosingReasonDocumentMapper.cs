using WorkflowDefinitions.Domain.ClosingReasons;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Infrastructure.Persistence;

/// <summary>Maps closing reasons to their stored shape and back.</summary>
public static class ClosingReasonDocumentMapper
{
    public static ClosingReasonDocument ToDocument(this ClosingReason reason) => new()
    {
        OrganizationId = reason.OrganizationId.Value,
        Id = reason.Id.Value,
        Title = reason.Title,
        Status = reason.Status.ToName(),
        CreationTime = reason.CreationTime.UtcDateTime,
        LastUpdateTime = reason.LastUpdateTime.UtcDateTime,
        Revision = reason.Revision,
        ExtraProperties = StoredJson.Serialize(reason.ExtraProperties.WriteTo),
    };

    /// <summary>Stored documents come back through <see cref="ClosingReason.Restore"/>, which re-checks nothing.</summary>
    public static ClosingReason ToDomain(this ClosingReasonDocument document) => ClosingReason.Restore(
        new OrganizationId(document.OrganizationId),
        new ClosingReasonId(document.Id),
        document.Title,
        ClosingReasonStatusNames.Parse(document.Status),
        ExtraProperties.From(StoredJson.DeserializeObject(document.ExtraProperties), ClosingReason.ReservedPropertyNames),
        StoredTime.ToInstant(document.CreationTime),
        StoredTime.ToInstant(document.LastUpdateTime),
        document.Revision);
}
