using FluentValidation;
using WorkflowDefinitions.Application.Common.Validation;

namespace WorkflowDefinitions.Application.FlowTemplates.ListFlowTemplateRevisions;

public sealed class ListFlowTemplateRevisionsQueryValidator : AbstractValidator<ListFlowTemplateRevisionsQuery>
{
    public ListFlowTemplateRevisionsQueryValidator()
    {
        RuleFor(q => q.FlowId).MustBeValidId("flowId");
        RuleFor(q => q.Limit).MustBeRevisionLimit();
        RuleFor(q => q.Cursor).MustBeRevisionCursor();
    }
}
