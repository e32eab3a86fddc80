using FluentValidation;
using WorkflowDefinitions.Application.Common.Validation;

namespace WorkflowDefinitions.Application.ClosingReasons.UpdateClosingReason;

public sealed class UpdateClosingReasonCommandValidator : AbstractValidator<UpdateClosingReasonCommand>
{
    public UpdateClosingReasonCommandValidator()
    {
        RuleFor(c => c.ReasonId).MustBeValidId("reasonId");
    }
}
