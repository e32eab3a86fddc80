using FluentValidation;
using WorkflowDefinitions.Application.Common.Validation;
using WorkflowDefinitions.Domain.FlowTemplates;

namespace WorkflowDefinitions.Application.FlowTemplates.SearchFlowTemplates;

/// <summary>Contract §5.2 / D54 / D55: out-of-range values and bad enums are refused, not clamped.</summary>
public sealed class SearchFlowTemplatesQueryValidator : AbstractValidator<SearchFlowTemplatesQuery>
{
    public static IReadOnlyList<string> SortFields { get; } = ["created_at", "updated_at"];

    public static IReadOnlyList<string> SortOrders { get; } = ["asc", "desc"];

    public SearchFlowTemplatesQueryValidator()
    {
        RuleFor(q => q.Body)
            .OptionalProperty("name", JsonChecks.Text)
            .OptionalProperty("definition_id", JsonChecks.Text)
            .OptionalProperty("trigger_type", JsonChecks.OneOf(FlowVocabulary.TriggerTypes.Filterable))
            .OptionalProperty("enabled", JsonChecks.TrueOrFalse)
            .OptionalProperty("from", JsonChecks.IntegerBetween(0, int.MaxValue))
            .OptionalProperty("size", JsonChecks.IntegerBetween(0, SearchFlowTemplatesQuery.MaxSize))
            .OptionalProperty("sort_by", JsonChecks.OneOf(SortFields))
            .OptionalProperty("sort_order", JsonChecks.OneOf(SortOrders));
    }
}
