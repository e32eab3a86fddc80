using Riok.Mapperly.Abstractions;
using WorkflowDefinitions.Domain.ClosingReasons;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Infrastructure.Persistence;

[Mapper]
public static partial class ClosingReasonDocumentMapper
{
    public static partial ClosingReasonDocument ToDocument(this ClosingReason reason);

    /// <summary>Stored documents come back through <see cref="ClosingReason.Restore"/>, which re-checks nothing.</summary>
    public static ClosingReason ToDomain(this ClosingReasonDocument document) => ClosingReason.Restore(
        new OrganizationId(document.OrganizationId),
        new ClosingReasonId(document.Id),
        document.Title,
        ClosingReasonStatusNames.Parse(document.Status),
        ExtraProperties.From(StoredJson.DeserializeObject(document.ExtraProperties), ClosingReason.ReservedPropertyNames),
        ToInstant(document.CreationTime),
        ToInstant(document.LastUpdateTime),
        document.Revision);

    private static string MapOrganizationId(OrganizationId id) => id.Value;

    private static string MapId(ClosingReasonId id) => id.Value;

    private static string MapStatus(ClosingReasonStatus status) => status.ToName();

    private static DateTime MapInstant(DateTimeOffset instant) => instant.UtcDateTime;

    private static string MapExtraProperties(ExtraProperties extraProperties) =>
        StoredJson.Serialize(extraProperties.ToJsonObject());

    private static DateTimeOffset ToInstant(DateTime utc) =>
        new(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeSpan.Zero);
}
