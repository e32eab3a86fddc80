using FluentValidation;
using WorkflowDefinitions.Application.Common.Validation;

namespace WorkflowDefinitions.Application.FlowTemplates.DuplicateFlowTemplate;

public sealed class DuplicateFlowTemplateCommandValidator : AbstractValidator<DuplicateFlowTemplateCommand>
{
    public DuplicateFlowTemplateCommandValidator()
    {
        RuleFor(c => c.FlowId).MustBeValidId("flowId");
    }
}
