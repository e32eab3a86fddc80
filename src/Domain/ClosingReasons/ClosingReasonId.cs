using WorkflowDefinitions.Domain.Common;

namespace WorkflowDefinitions.Domain.ClosingReasons;

/// <summary>Id of a catalog entry: generated (nanoid, 21 characters) or chosen by the client (contract D29).</summary>
public readonly record struct ClosingReasonId
{
    public ClosingReasonId(string value) => Value = ResourceIdSyntax.Require(value, "Closing reason");

    /// <summary>The id a path names, or null when it is not even valid syntax: no such closing reason can exist (contract D08).</summary>
    public static ClosingReasonId? FromPath(string value) => ResourceIdSyntax.IsValid(value) ? new ClosingReasonId(value) : null;

    public string Value { get; }

    public override string ToString() => Value;
}
