using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Workflows;
using WorkflowDefinitions.Application.Workflows.History;
using WorkflowDefinitions.Domain.FlowTemplates;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.FlowTemplates;

/// <summary>The organization's V2 flow templates. Every call names the organization it reads or writes.</summary>
public interface IFlowTemplateRepository
{
    Task<FlowTemplate?> FindAsync(OrganizationId organizationId, FlowTemplateId id, CancellationToken cancellationToken);

    /// <summary>
    /// The template, unless its stored document is larger than <paramref name="maxBytes"/>: then only the document's size,
    /// read without the document, so that room for it can be taken before it is read (<see cref="IAnswerRoom"/>). The size
    /// is the store's: SQLite's the stored text's bytes, MongoDB's the stored document's BSON.
    /// </summary>
    Task<UnlessLarger<FlowTemplate>> FindUnlessLargerAsync(OrganizationId organizationId, FlowTemplateId id, int maxBytes, CancellationToken cancellationToken);

    /// <summary>
    /// All templates matching the trigger criteria, newest update first, then by id (contract D19), read a few at a time
    /// as they are enumerated (never all of them in memory); a template whose document is larger than
    /// <paramref name="maxBytes"/> is listed by id and size, unread (see <see cref="Listed{T}"/>).
    /// </summary>
    IAsyncEnumerable<Listed<FlowTemplate>> ListAsync(OrganizationId organizationId, TriggerCriteria criteria, int maxBytes, CancellationToken cancellationToken);

    /// <summary>
    /// How many templates match in all (contract §5.2), and the page, read as it is enumerated, as <see cref="ListAsync"/>
    /// reads.
    /// </summary>
    Task<FlowTemplatePage> SearchAsync(OrganizationId organizationId, FlowTemplateSearch search, int maxBytes, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a new template under the id of <paramref name="slot"/>; in the same transaction it commits the slot, records
    /// <paramref name="revision"/> and a <c>created</c> change in the feed.
    /// </summary>
    Task AddAsync(FlowTemplate flow, WorkflowSlot slot, RevisionRecord revision, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the stored template, at <see cref="FlowTemplate.Revision"/>, if it is still at
    /// <see cref="FlowTemplate.StoredRevision"/>; in the same transaction it records <paramref name="revision"/> (unless
    /// its content equals the latest) and an <c>updated</c> (or, for a restore, <c>restored</c>) change in the feed.
    /// </summary>
    /// <exception cref="Domain.Common.ConcurrencyConflictException">It was changed since it was read.</exception>
    /// <exception cref="Common.NotFoundException">It was deleted since it was read.</exception>
    Task UpdateAsync(FlowTemplate flow, RevisionRecord revision, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the template (only while it is at <paramref name="revision"/>, when one is given) with its revisions, frees
    /// its quota slot and records a <c>deleted</c> change in the feed; false when nothing was deleted.
    /// </summary>
    Task<bool> DeleteAsync(OrganizationId organizationId, FlowTemplateId id, long? revision, CancellationToken cancellationToken);
}

/// <summary>
/// Which triggers a listed flow must have (contract §5.1, D45, D53): one trigger of the flow (main or additional)
/// must satisfy every criterion that is set. No criterion: every flow.
/// </summary>
public sealed record TriggerCriteria(
    string? Type = null, string? AutomationId = null, string? JourneyId = null, string? AutomationOrJourneyId = null, string? EntitySchema = null)
{
    public static TriggerCriteria None { get; } = new();

    public bool IsEmpty => this == None;

    /// <summary>
    /// The criteria of listFlowTemplates' query (contract §5.1): <c>trigger_source_id</c> is the automation id of
    /// automation triggers, the journey id of journey-submission triggers, either of them without a type, and ignored
    /// for manual triggers; <c>trigger_schema</c> only applies to manual triggers.
    /// </summary>
    public static TriggerCriteria ForListing(string? triggerType, string? triggerSourceId, string? triggerSchema) => triggerType switch
    {
        null => new(AutomationOrJourneyId: triggerSourceId),
        Domain.FlowTemplates.FlowVocabulary.TriggerTypes.Automation => new(Type: triggerType, AutomationId: triggerSourceId),
        Domain.FlowTemplates.FlowVocabulary.TriggerTypes.JourneySubmission => new(Type: triggerType, JourneyId: triggerSourceId),
        _ => new(Type: triggerType, EntitySchema: triggerSchema),
    };
}

public enum FlowTemplateSortField
{
    UpdatedAt,
    CreatedAt,
}

/// <summary>searchFlowTemplates (contract §5.2): filters combine with AND; the order ends with id ascending.</summary>
public sealed record FlowTemplateSearch(
    string? NameContains,
    string? DefinitionId,
    TriggerCriteria Triggers,
    bool? Enabled,
    int From,
    int Size,
    FlowTemplateSortField SortBy,
    bool Descending);

public sealed record FlowTemplatePage(int Hits, IAsyncEnumerable<Listed<FlowTemplate>> Results);
