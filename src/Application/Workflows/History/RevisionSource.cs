namespace WorkflowDefinitions.Application.Workflows.History;

/// <summary>The write a revision records (<c>source</c>): how the workflow came to have that content.</summary>
public enum RevisionSource
{
    Create,
    Update,
    Duplicate,
    Import,
    Restore,
}

public static class RevisionSourceNames
{
    public static string ToName(this RevisionSource source) => source switch
    {
        RevisionSource.Create => "create",
        RevisionSource.Update => "update",
        RevisionSource.Duplicate => "duplicate",
        RevisionSource.Import => "import",
        RevisionSource.Restore => "restore",
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, null),
    };

    public static RevisionSource Parse(string name) => name switch
    {
        "create" => RevisionSource.Create,
        "update" => RevisionSource.Update,
        "duplicate" => RevisionSource.Duplicate,
        "import" => RevisionSource.Import,
        "restore" => RevisionSource.Restore,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not a revision source."),
    };
}
