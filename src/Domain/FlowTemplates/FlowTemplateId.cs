using WorkflowDefinitions.Domain.Common;

namespace WorkflowDefinitions.Domain.FlowTemplates;

/// <summary>Id of a V2 flow template: generated (8 characters, contract D09); any valid path id can be looked up.</summary>
public readonly record struct FlowTemplateId
{
    public FlowTemplateId(string value) => Value = ResourceIdSyntax.Require(value, "Flow template");

    /// <summary>The id a path names, or null when it is not even valid syntax: no such flow can exist (contract D08).</summary>
    public static FlowTemplateId? FromPath(string value) => ResourceIdSyntax.IsValid(value) ? new FlowTemplateId(value) : null;

    public string Value { get; }

    public override string ToString() => Value;
}
