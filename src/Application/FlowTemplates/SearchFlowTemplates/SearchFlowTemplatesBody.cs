using System.Text.Json;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.FlowTemplates;

namespace WorkflowDefinitions.Application.FlowTemplates.SearchFlowTemplates;

/// <summary>
/// Reads a <c>SearchFlowTemplates</c> body into a <see cref="FlowTemplateSearch"/> (contract §5.2 / D54 / D55): every
/// property is optional (<c>null</c> counts as absent); out-of-range values and unknown names are refused with their
/// path, not clamped, and every violation is reported at once.
/// </summary>
public static class SearchFlowTemplatesBody
{
    public const int DefaultSize = 25;
    public const int MaxSize = 100;

    private const string CreatedAt = "created_at";
    private const string Ascending = "asc";

    public static IReadOnlyList<string> SortFields { get; } = [CreatedAt, "updated_at"];

    public static IReadOnlyList<string> SortOrders { get; } = [Ascending, "desc"];

    /// <exception cref="InvalidDocumentException">Every violation found.</exception>
    public static FlowTemplateSearch Read(JsonElement body)
    {
        var violations = new ViolationCollector();
        var reader = new ObjectReader(body, JsonPath.Root, new DocumentReading(violations));
        var name = reader.OptionalString("name");
        var definitionId = reader.OptionalString("definition_id");
        var triggerType = reader.OptionalEnum("trigger_type", FlowVocabulary.TriggerTypes.Filterable);
        var enabled = reader.OptionalBoolean("enabled");
        var from = reader.OptionalIntegerBetween("from", 0, int.MaxValue);
        var size = reader.OptionalIntegerBetween("size", 0, MaxSize);
        var sortBy = reader.OptionalEnum("sort_by", SortFields);
        var sortOrder = reader.OptionalEnum("sort_order", SortOrders);
        violations.ThrowIfAny();

        return new FlowTemplateSearch(
            name,
            definitionId,
            triggerType is null ? TriggerCriteria.None : new TriggerCriteria(Type: triggerType),
            enabled,
            (int)(from ?? 0),
            (int)(size ?? DefaultSize),
            sortBy == CreatedAt ? FlowTemplateSortField.CreatedAt : FlowTemplateSortField.UpdatedAt,
            Descending: sortOrder != Ascending);
    }
}
