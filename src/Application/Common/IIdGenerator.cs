namespace WorkflowDefinitions.Application.Common;

/// <summary>Generates the contract's random ids (D09) from a cryptographic source.</summary>
public interface IIdGenerator
{
    /// <summary>nanoid: 21 characters of <c>A-Za-z0-9_-</c>.</summary>
    string NewClosingReasonId();
}
