using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.FlowTemplates;

namespace WorkflowDefinitions.Application.FlowTemplates;

/// <summary>With <c>enforce_limits=true</c>, the flow exceeds size/count limits (contract §3.5): a 400 carrying them.</summary>
public sealed class FlowLimitsExceededException(IReadOnlyList<FlowLimitWarning> warnings)
    : DomainException("Flow exceeds its limits: " + string.Join("; ", warnings.Select(w => w.Message)))
{
    public IReadOnlyList<FlowLimitWarning> Warnings { get; } = warnings;
}
