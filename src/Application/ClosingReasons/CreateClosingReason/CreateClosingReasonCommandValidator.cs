using FluentValidation;
using WorkflowDefinitions.Application.Common.Validation;
using WorkflowDefinitions.Domain.ClosingReasons;

namespace WorkflowDefinitions.Application.ClosingReasons.CreateClosingReason;

public sealed class CreateClosingReasonCommandValidator : AbstractValidator<CreateClosingReasonCommand>
{
    public CreateClosingReasonCommandValidator()
    {
        RuleFor(c => c.Body)
            .OptionalProperty("id", JsonChecks.ResourceId)
            .RequiredProperty("title", JsonChecks.NonEmptyString)
            .OptionalProperty("status", JsonChecks.OneOf(ClosingReasonStatusNames.All));
    }
}
