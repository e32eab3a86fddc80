using FluentValidation;
using WorkflowDefinitions.Application.Common.Validation;
using WorkflowDefinitions.Application.Workflows.History;

namespace WorkflowDefinitions.Application.FlowTemplates.ListFlowTemplateChanges;

public sealed class ListFlowTemplateChangesQueryValidator : AbstractValidator<ListFlowTemplateChangesQuery>
{
    public ListFlowTemplateChangesQueryValidator()
    {
        RuleFor(q => q.After).Must(HistoryParameters.IsChangeCursor)
            .OverridePropertyName("after").WithMessage("must be a cursor from a previous answer");
        RuleFor(q => q.Limit).MustBeBetween("limit", 1, HistoryParameters.MaxChangeLimit);
        RuleFor(q => q.WaitSeconds).MustBeBetween("wait", 0, HistoryParameters.MaxWaitSeconds);
    }
}
