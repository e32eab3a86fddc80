using Riok.Mapperly.Abstractions;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Domain.ClosingReasons;
using WorkflowDefinitions.Domain.Common;

namespace WorkflowDefinitions.Application.ClosingReasons;

[Mapper]
public static partial class ClosingReasonMapper
{
    [MapperIgnoreSource(nameof(ClosingReason.OrganizationId))]
    [MapperIgnoreSource(nameof(ClosingReason.Revision))]
    public static partial ClosingReasonDto ToDto(this ClosingReason reason);

    private static string MapId(ClosingReasonId id) => id.Value;

    private static string MapStatus(ClosingReasonStatus status) => status.ToName();

    private static string MapTimestamp(DateTimeOffset instant) => Timestamps.ToApiString(instant);

    private static Dictionary<string, object?> MapExtraProperties(ExtraProperties extraProperties) =>
        extraProperties.ToJsonObject().ToDictionary(property => property.Key, property => (object?)property.Value);
}
