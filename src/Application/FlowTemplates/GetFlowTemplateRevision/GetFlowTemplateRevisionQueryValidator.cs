using FluentValidation;
using WorkflowDefinitions.Application.Common.Validation;

namespace WorkflowDefinitions.Application.FlowTemplates.GetFlowTemplateRevision;

public sealed class GetFlowTemplateRevisionQueryValidator : AbstractValidator<GetFlowTemplateRevisionQuery>
{
    public GetFlowTemplateRevisionQueryValidator()
    {
        RuleFor(q => q.FlowId).MustBeValidId("flowId");
        RuleFor(q => q.Revision).MustBeRevisionNumber("revision");
    }
}
