using WorkflowDefinitions.Domain.Common;

namespace WorkflowDefinitions.Domain.LegacyWorkflowDefinitions;

/// <summary>Id of a V1 workflow definition: generated (8 characters, contract D09); any valid path id can be looked up.</summary>
public readonly record struct WorkflowDefinitionId
{
    public WorkflowDefinitionId(string value) => Value = ResourceIdSyntax.Require(value, "Workflow definition");

    /// <summary>The id a path names, or null when it is not even valid syntax: no such definition can exist (contract D08).</summary>
    public static WorkflowDefinitionId? FromPath(string value) => ResourceIdSyntax.IsValid(value) ? new WorkflowDefinitionId(value) : null;

    public string Value { get; }

    public override string ToString() => Value;
}
