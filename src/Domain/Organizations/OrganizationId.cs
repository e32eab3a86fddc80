namespace WorkflowDefinitions.Domain.Organizations;

/// <summary>The tenant every resource belongs to. It only ever comes from the caller's token.</summary>
public readonly record struct OrganizationId
{
    public OrganizationId(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        Value = value;
    }

    public string Value { get; }

    public override string ToString() => Value;
}
