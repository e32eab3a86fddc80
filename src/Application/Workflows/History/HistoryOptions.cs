namespace WorkflowDefinitions.Application.Workflows.History;

/// <summary>Configuration section <c>Revisions</c>.</summary>
public sealed class RevisionsOptions
{
    public const string SectionName = "Revisions";

    /// <summary>The newest revisions kept per flow or definition; older ones are deleted as new ones are recorded.</summary>
    public int MaxPerWorkflow { get; set; } = 100;
}

/// <summary>Configuration section <c>Changes</c>.</summary>
public sealed class ChangesOptions
{
    public const string SectionName = "Changes";

    /// <summary>How long changes stay in the feed at least; a cursor older than that is answered 410.</summary>
    public int RetentionDays { get; set; } = 7;
}
