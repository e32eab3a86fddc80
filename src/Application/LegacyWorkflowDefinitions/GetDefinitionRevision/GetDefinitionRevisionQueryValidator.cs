using FluentValidation;
using WorkflowDefinitions.Application.Common.Validation;

namespace WorkflowDefinitions.Application.LegacyWorkflowDefinitions.GetDefinitionRevision;

public sealed class GetDefinitionRevisionQueryValidator : AbstractValidator<GetDefinitionRevisionQuery>
{
    public GetDefinitionRevisionQueryValidator()
    {
        RuleFor(q => q.DefinitionId).MustBeValidId("definitionId");
        RuleFor(q => q.Revision).MustBeRevisionNumber("revision");
    }
}
