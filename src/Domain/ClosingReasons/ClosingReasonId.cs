using WorkflowDefinitions.Domain.Common;

namespace WorkflowDefinitions.Domain.ClosingReasons;

/// <summary>Id of a catalog entry: generated (nanoid, 21 characters) or chosen by the client (contract D29).</summary>
public readonly record struct ClosingReasonId
{
    public ClosingReasonId(string value)
    {
        if (!ResourceIdSyntax.IsValid(value))
        {
            throw new DomainException($"Closing reason id '{value}' is invalid: it must be {ResourceIdSyntax.Description}");
        }

        Value = value;
    }

    public string Value { get; }

    public override string ToString() => Value;
}
