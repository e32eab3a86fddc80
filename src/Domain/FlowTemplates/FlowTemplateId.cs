using WorkflowDefinitions.Domain.Common;

namespace WorkflowDefinitions.Domain.FlowTemplates;

/// <summary>Id of a V2 flow template: generated (8 characters, contract D09); any valid path id can be looked up.</summary>
public readonly record struct FlowTemplateId
{
    public FlowTemplateId(string value)
    {
        if (!ResourceIdSyntax.IsValid(value))
        {
            throw new DomainException($"Flow template id '{value}' is invalid: it must be {ResourceIdSyntax.Description}");
        }

        Value = value;
    }

    public string Value { get; }

    public override string ToString() => Value;
}
