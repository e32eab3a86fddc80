namespace WorkflowDefinitions.Domain.Common;

/// <summary>
/// One broken rule of a submitted document: where (root-relative JSON path, <c>a.b[2].c</c>), why, and which rule it
/// is (<see cref="Rule"/>: the path and reason with every client value replaced, for metrics).
/// </summary>
public sealed record Violation(string Path, string Reason, string Rule)
{
    /// <summary>A violation at <paramref name="path"/>; its rule is the path's and the reason's template.</summary>
    public static Violation Of(JsonPath path, ViolationReason reason)
    {
        var (text, rule) = reason.Complete();
        var template = path.Template;
        return new Violation(path.ToString(), text, template.Length == 0 ? rule : $"{template} {rule}");
    }

    public override string ToString() => Path.Length == 0 ? Reason : $"{Path} {Reason}";
}
