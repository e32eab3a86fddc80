using FluentValidation;
using WorkflowDefinitions.Application.Common.Validation;

namespace WorkflowDefinitions.Application.ClosingReasons.ChangeReasonStatus;

public sealed class ChangeReasonStatusCommandValidator : AbstractValidator<ChangeReasonStatusCommand>
{
    public ChangeReasonStatusCommandValidator()
    {
        RuleFor(c => c.ReasonId).MustBeValidId("reasonId");
    }
}
