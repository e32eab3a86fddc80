using FluentValidation;
using WorkflowDefinitions.Application.Common.Validation;

namespace WorkflowDefinitions.Application.LegacyWorkflowDefinitions.SetWorkflowClosingReasons;

public sealed class SetWorkflowClosingReasonsCommandValidator : AbstractValidator<SetWorkflowClosingReasonsCommand>
{
    public SetWorkflowClosingReasonsCommandValidator()
    {
        RuleFor(c => c.DefinitionId).MustBeValidId("definitionId");
    }
}
