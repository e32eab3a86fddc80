using FluentValidation;
using WorkflowDefinitions.Application.Common.Validation;

namespace WorkflowDefinitions.Application.LegacyWorkflowDefinitions.ListDefinitionRevisions;

public sealed class ListDefinitionRevisionsQueryValidator : AbstractValidator<ListDefinitionRevisionsQuery>
{
    public ListDefinitionRevisionsQueryValidator()
    {
        RuleFor(q => q.DefinitionId).MustBeValidId("definitionId");
        RuleFor(q => q.Limit).MustBeRevisionLimit();
        RuleFor(q => q.Cursor).MustBeRevisionCursor();
    }
}
