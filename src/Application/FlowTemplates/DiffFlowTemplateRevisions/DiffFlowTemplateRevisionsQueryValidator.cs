using FluentValidation;
using WorkflowDefinitions.Application.Common.Validation;

namespace WorkflowDefinitions.Application.FlowTemplates.DiffFlowTemplateRevisions;

public sealed class DiffFlowTemplateRevisionsQueryValidator : AbstractValidator<DiffFlowTemplateRevisionsQuery>
{
    public DiffFlowTemplateRevisionsQueryValidator()
    {
        RuleFor(q => q.FlowId).MustBeValidId("flowId");
        RuleFor(q => q.From).MustBeRevisionNumber("from");
        RuleFor(q => q.To).MustBeRevisionNumberOrCurrent("to");
    }
}
