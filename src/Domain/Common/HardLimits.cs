namespace WorkflowDefinitions.Domain.Common;

/// <summary>
/// The hard caps on what one request may ask the service to hold or do (configuration section <c>HardLimits</c>). They
/// sit far above the soft <c>FlowLimits</c>, which only warn, and bound the cost of every request: a body beyond them is
/// refused with 400 naming the path before anything else is read or done.
/// </summary>
public sealed record HardLimits
{
    /// <summary>Tasks of a V2 flow (the soft limit is 100).</summary>
    public int MaxTasks { get; init; } = 2000;

    /// <summary>Edges of a V2 flow.</summary>
    public int MaxEdges { get; init; } = 5000;

    /// <summary>Phases of a V2 flow (the soft limit is 20).</summary>
    public int MaxPhases { get; init; } = 500;

    /// <summary>Additional triggers of a V2 flow (the soft limit is 10).</summary>
    public int MaxAdditionalTriggers { get; init; } = 200;

    /// <summary>Sections and steps of a V1 definition, together.</summary>
    public int MaxDefinitionItems { get; init; } = 2000;

    /// <summary>Code points of any string value or property name in a request body.</summary>
    public int MaxStringLength { get; init; } = 100_000;

    /// <summary>
    /// Tokens of a request body (values, property names and ends of objects and arrays). The parsed body holds a 12-byte
    /// row per token, so a body of nothing but brackets would take twelve times its size (73 MB for 6 MiB); at this cap
    /// the rows take at most 12 MB, twice the largest body. A flow at the caps above (2,000 tasks, 5,000 edges) holds
    /// about 100,000 tokens; a decision of 50,000 conditions about 500,000.
    /// </summary>
    public int MaxJsonTokens { get; init; } = 1_000_000;

    /// <summary>Closing reasons listed on one V1 definition or V2 flow.</summary>
    public int MaxClosingReasonsPerWorkflow { get; init; } = 500;

    /// <summary>Closing reasons in an organization's catalog.</summary>
    public int MaxClosingReasonsPerOrganization { get; init; } = 1000;

    /// <summary>Entries of an import's <c>_resolved_automations</c>.</summary>
    public int MaxBundledAutomations { get; init; } = 500;

    /// <summary>
    /// Automation flows one request may create, change, clone or look up: transient fields of a create or update, the
    /// clones of a duplicate, the copies of an import, the look-ups of an export.
    /// </summary>
    public int MaxAutomationsPerRequest { get; init; } = 250;

    public static HardLimits Default { get; } = new();
}
