namespace WorkflowDefinitions.Application.Common;

/// <summary>Generates the contract's random ids (D09) from a cryptographic source.</summary>
public interface IIdGenerator
{
    /// <summary>nanoid: 21 characters of <c>A-Za-z0-9_-</c>.</summary>
    string NewClosingReasonId();

    /// <summary>
    /// A V1 definition or V2 flow id: 8 characters of <c>0-9a-z</c> with at least one letter (the epilot CLI turns
    /// digit-only ids into numbers).
    /// </summary>
    string NewWorkflowId();

    /// <summary>A V1 section or step id: 7 characters of <c>0-9a-z</c> with at least one letter.</summary>
    string NewItemId();

    /// <summary>A task id given to an imported task: a lowercase UUID v4.</summary>
    string NewTaskId();
}
