namespace WorkflowDefinitions.Domain.FlowTemplates;

/// <summary>The soft size/count limits of a flow (contract §3.5, D40). Data, not code: configured per deployment.</summary>
public sealed record FlowLimits
{
    public int MaxTasks { get; init; } = 100;

    public int MaxPhases { get; init; } = 20;

    public int MaxIncomingEdgesPerTask { get; init; } = 10;

    public int MaxOutgoingEdgesPerTask { get; init; } = 10;

    public int MaxBranchesPerDecision { get; init; } = 10;

    public int MaxStatementsPerCondition { get; init; } = 10;

    public int MaxBranchNameLength { get; init; } = 255;

    public int MaxLoopIterations { get; init; } = 10;

    public int MaxEntitySyncRules { get; init; } = 20;

    public int MaxAdditionalTriggers { get; init; } = 10;

    public int MaxAiAgentParameterLength { get; init; } = 10000;

    public static FlowLimits Default { get; } = new();
}
