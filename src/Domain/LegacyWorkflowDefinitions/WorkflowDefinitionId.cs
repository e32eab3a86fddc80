using WorkflowDefinitions.Domain.Common;

namespace WorkflowDefinitions.Domain.LegacyWorkflowDefinitions;

/// <summary>Id of a V1 workflow definition: generated (8 characters, contract D09); any valid path id can be looked up.</summary>
public readonly record struct WorkflowDefinitionId
{
    public WorkflowDefinitionId(string value)
    {
        if (!ResourceIdSyntax.IsValid(value))
        {
            throw new DomainException($"Workflow definition id '{value}' is invalid: it must be {ResourceIdSyntax.Description}");
        }

        Value = value;
    }

    public string Value { get; }

    public override string ToString() => Value;
}
