using FluentValidation;
using WorkflowDefinitions.Application.Common.Validation;

namespace WorkflowDefinitions.Application.ClosingReasons.GetClosingReason;

public sealed class GetClosingReasonQueryValidator : AbstractValidator<GetClosingReasonQuery>
{
    public GetClosingReasonQueryValidator()
    {
        RuleFor(q => q.ReasonId).MustBeValidId("reasonId");
    }
}
