using FluentValidation;
using WorkflowDefinitions.Application.Common.Validation;

namespace WorkflowDefinitions.Application.LegacyWorkflowDefinitions.DiffDefinitionRevisions;

public sealed class DiffDefinitionRevisionsQueryValidator : AbstractValidator<DiffDefinitionRevisionsQuery>
{
    public DiffDefinitionRevisionsQueryValidator()
    {
        RuleFor(q => q.DefinitionId).MustBeValidId("definitionId");
        RuleFor(q => q.From).MustBeRevisionNumber("from");
        RuleFor(q => q.To).MustBeRevisionNumberOrCurrent("to");
    }
}
