using FluentValidation;
using WorkflowDefinitions.Application.Common.Validation;

namespace WorkflowDefinitions.Application.LegacyWorkflowDefinitions.GetDefinition;

public sealed class GetDefinitionQueryValidator : AbstractValidator<GetDefinitionQuery>
{
    public GetDefinitionQueryValidator()
    {
        RuleFor(q => q.DefinitionId).MustBeValidId("definitionId");
    }
}
