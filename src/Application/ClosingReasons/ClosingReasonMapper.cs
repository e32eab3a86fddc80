using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Common.Preconditions;
using WorkflowDefinitions.Domain.ClosingReasons;

namespace WorkflowDefinitions.Application.ClosingReasons;

public static class ClosingReasonMapper
{
    /// <summary>The reason as the contract shows it; the organization and the revision are not shown.</summary>
    public static ClosingReasonDto ToDto(this ClosingReason reason) => new(
        reason.Id.Value,
        reason.Title,
        reason.Status.ToName(),
        Timestamps.ToApiString(reason.LastUpdateTime),
        Timestamps.ToApiString(reason.CreationTime))
    {
        ExtraProperties = reason.ExtraProperties.ToDictionary(),
    };

    /// <summary>The reason as the contract shows it, with the entity tag of that representation.</summary>
    public static Tagged<ClosingReasonDto> ToTaggedDto(this ClosingReason reason) => new(reason.ToDto(), EntityTag.Of(reason.Revision));
}
