using FluentValidation;
using WorkflowDefinitions.Application.Common.Validation;

namespace WorkflowDefinitions.Application.FlowTemplates.UpdateFlowTemplate;

public sealed class UpdateFlowTemplateCommandValidator : AbstractValidator<UpdateFlowTemplateCommand>
{
    public UpdateFlowTemplateCommandValidator()
    {
        RuleFor(c => c.FlowId).MustBeValidId("flowId");
    }
}
