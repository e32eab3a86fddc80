namespace WorkflowDefinitions.Application.Workflows.History;

/// <summary>Which kind of workflow a revision belongs to: a V2 flow template or a V1 definition.</summary>
public enum WorkflowKind
{
    Flow,
    Definition,
}
