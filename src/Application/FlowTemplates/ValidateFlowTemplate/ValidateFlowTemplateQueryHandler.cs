using System.Text;
using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.FlowTemplates;

namespace WorkflowDefinitions.Application.FlowTemplates.ValidateFlowTemplate;

/// <summary>
/// The checks of createFlowTemplate, in its order, reported instead of refused: the document's violations (hard caps,
/// shape, graph) exactly as create lists them; when there are none, the soft limits it exceeds, which with
/// <c>enforce_limits</c> are errors as well, as create would refuse them.
/// </summary>
public sealed class ValidateFlowTemplateQueryHandler(FlowLimits flowLimits, HardLimits caps)
    : IQueryHandler<ValidateFlowTemplateQuery, ValidationReport>
{
    public ValueTask<ValidationReport> Handle(ValidateFlowTemplateQuery query, CancellationToken cancellationToken)
    {
        FlowDocument document;
        try
        {
            document = FlowDocument.Parse(query.Body, caps);
        }
        catch (InvalidDocumentException exception)
        {
            return ValueTask.FromResult(new ValidationReport(exception.Violations, []));
        }

        var warnings = document.EvaluateLimits(flowLimits);
        IReadOnlyList<Violation> errors = query.EnforceLimits ? [.. warnings.Take(ViolationCollector.MaxViolations).Select(AsViolation)] : [];
        return ValueTask.FromResult(new ValidationReport(errors, warnings));
    }

    /// <summary>An exceeded limit as an error: at the warning's path (<c>tasks[6]</c>), with its message.</summary>
    private static Violation AsViolation(FlowLimitWarning warning)
    {
        var path = new StringBuilder();
        foreach (var step in warning.Path)
        {
            if (step is int index)
            {
                path.Append('[').Append(index).Append(']');
            }
            else
            {
                path.Append(path.Length == 0 ? string.Empty : ".").Append(step);
            }
        }

        return new Violation(path.ToString(), warning.Message, warning.I18nKey);
    }
}
