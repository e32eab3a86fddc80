using FluentValidation;
using WorkflowDefinitions.Application.Common.Validation;

namespace WorkflowDefinitions.Application.FlowTemplates.GetFlowTemplate;

public sealed class GetFlowTemplateQueryValidator : AbstractValidator<GetFlowTemplateQuery>
{
    public GetFlowTemplateQueryValidator()
    {
        RuleFor(q => q.FlowId).MustBeValidId("flowId");
    }
}
