using FluentValidation;
using WorkflowDefinitions.Application.Common.Validation;
using WorkflowDefinitions.Domain.ClosingReasons;
using WorkflowDefinitions.Domain.Common;

namespace WorkflowDefinitions.Application.ClosingReasons.UpdateClosingReason;

public sealed class UpdateClosingReasonCommandValidator : AbstractValidator<UpdateClosingReasonCommand>
{
    public UpdateClosingReasonCommandValidator()
    {
        RuleFor(c => c.ReasonId).MustBeValidId("reasonId");
        When(c => ResourceIdSyntax.IsValid(c.ReasonId), () =>
            RuleFor(c => c.Patch)
                .PatchableProperty("title", JsonChecks.NonEmptyString)
                .PatchableProperty("status", JsonChecks.OneOf(ClosingReasonStatusNames.All)));
    }
}
