using FluentValidation;
using WorkflowDefinitions.Application.Common.Validation;

namespace WorkflowDefinitions.Application.LegacyWorkflowDefinitions.UpdateDefinition;

public sealed class UpdateDefinitionCommandValidator : AbstractValidator<UpdateDefinitionCommand>
{
    public UpdateDefinitionCommandValidator()
    {
        RuleFor(c => c.DefinitionId).MustBeValidId("definitionId");
    }
}
