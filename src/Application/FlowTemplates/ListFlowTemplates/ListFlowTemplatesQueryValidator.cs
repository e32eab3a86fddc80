using FluentValidation;
using WorkflowDefinitions.Application.Common.Validation;
using WorkflowDefinitions.Domain.FlowTemplates;

namespace WorkflowDefinitions.Application.FlowTemplates.ListFlowTemplates;

public sealed class ListFlowTemplatesQueryValidator : AbstractValidator<ListFlowTemplatesQuery>
{
    public ListFlowTemplatesQueryValidator()
    {
        RuleFor(q => q.TriggerType).MustBeOneOf("trigger_type", FlowVocabulary.TriggerTypes.Filterable);
    }
}
