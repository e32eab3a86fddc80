using FluentValidation;
using WorkflowDefinitions.Application.Common.Validation;
using WorkflowDefinitions.Domain.ClosingReasons;
using WorkflowDefinitions.Domain.Common;

namespace WorkflowDefinitions.Application.ClosingReasons.ChangeReasonStatus;

public sealed class ChangeReasonStatusCommandValidator : AbstractValidator<ChangeReasonStatusCommand>
{
    public ChangeReasonStatusCommandValidator()
    {
        RuleFor(c => c.ReasonId).MustBeValidId("reasonId");
        When(c => ResourceIdSyntax.IsValid(c.ReasonId), () =>
            RuleFor(c => c.Body).RequiredProperty("status", JsonChecks.OneOf(ClosingReasonStatusNames.All)));
    }
}
