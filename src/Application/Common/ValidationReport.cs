using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.FlowTemplates;

namespace WorkflowDefinitions.Application.Common;

/// <summary>
/// What a <c>:validate</c> request found: the violations the matching create would refuse the document with (in the
/// same order), and for flows the <c>limit_warnings</c> it would answer with.
/// </summary>
public sealed record ValidationReport(IReadOnlyList<Violation> Errors, IReadOnlyList<FlowLimitWarning>? LimitWarnings)
{
    public bool Valid => Errors.Count == 0;
}
