using FluentValidation;
using WorkflowDefinitions.Application.Common.Validation;

namespace WorkflowDefinitions.Application.FlowTemplates.RestoreFlowTemplateRevision;

public sealed class RestoreFlowTemplateRevisionCommandValidator : AbstractValidator<RestoreFlowTemplateRevisionCommand>
{
    public RestoreFlowTemplateRevisionCommandValidator()
    {
        RuleFor(c => c.FlowId).MustBeValidId("flowId");
        RuleFor(c => c.Revision).MustBeRevisionNumber("revision");
    }
}
