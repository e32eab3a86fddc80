namespace WorkflowDefinitions.Application.Common;

/// <summary>Thrown by a repository when an insert hits an id the organization already uses.</summary>
public sealed class DuplicateIdException(string resourceName, string id)
    : Exception($"{resourceName} with id '{id}' already exists");
