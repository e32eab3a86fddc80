using Mediator;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.LegacyWorkflowDefinitions;

namespace WorkflowDefinitions.Application.LegacyWorkflowDefinitions.ValidateDefinition;

/// <summary>The checks of createDefinition, reported instead of refused: the violations exactly as create lists them.</summary>
public sealed class ValidateDefinitionQueryHandler(IIdGenerator ids, HardLimits caps) : IQueryHandler<ValidateDefinitionQuery, ValidationReport>
{
    public ValueTask<ValidationReport> Handle(ValidateDefinitionQuery query, CancellationToken cancellationToken)
    {
        try
        {
            DefinitionDocument.Parse(query.Body, ids.NewItemId, caps);
            return ValueTask.FromResult(new ValidationReport([], LimitWarnings: null));
        }
        catch (InvalidDocumentException exception)
        {
            return ValueTask.FromResult(new ValidationReport(exception.Violations, LimitWarnings: null));
        }
    }
}
