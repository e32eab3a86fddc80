namespace WorkflowDefinitions.Domain.Common;

/// <summary>One broken rule of a submitted document: where (root-relative JSON path, <c>a.b[2].c</c>) and why.</summary>
public sealed record Violation(string Path, string Reason)
{
    public override string ToString() => Path.Length == 0 ? Reason : $"{Path} {Reason}";
}
