using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Workflows;
using WorkflowDefinitions.Application.Workflows.History;
using WorkflowDefinitions.Domain.LegacyWorkflowDefinitions;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.LegacyWorkflowDefinitions;

/// <summary>The organization's V1 workflow definitions. Every call names the organization it reads or writes.</summary>
public interface IWorkflowDefinitionRepository
{
    Task<WorkflowDefinition?> FindAsync(OrganizationId organizationId, WorkflowDefinitionId id, CancellationToken cancellationToken);

    /// <summary>
    /// The definition, unless its stored document is larger than <paramref name="maxBytes"/>: then only the document's
    /// size, read without the document (see <see cref="IFlowTemplateRepository.FindUnlessLargerAsync"/>).
    /// </summary>
    Task<UnlessLarger<WorkflowDefinition>> FindUnlessLargerAsync(
        OrganizationId organizationId, WorkflowDefinitionId id, int maxBytes, CancellationToken cancellationToken);

    /// <summary>
    /// All definitions of the organization, oldest first, then by id (contract D16), read a few at a time as they are
    /// enumerated; a definition whose stored document is larger than <paramref name="maxBytes"/> is listed by id and size,
    /// unread (see <see cref="Listed{T}"/>).
    /// </summary>
    IAsyncEnumerable<Listed<WorkflowDefinition>> ListAsync(OrganizationId organizationId, int maxBytes, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a new definition under the id of <paramref name="slot"/>; in the same transaction it commits the slot and
    /// records <paramref name="revision"/>.
    /// </summary>
    Task AddAsync(WorkflowDefinition definition, WorkflowSlot slot, RevisionRecord revision, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the stored definition, at <see cref="WorkflowDefinition.Revision"/>, if it is still at
    /// <see cref="WorkflowDefinition.StoredRevision"/>; in the same transaction it records <paramref name="revision"/>
    /// (unless its content equals the latest).
    /// </summary>
    /// <exception cref="Domain.Common.ConcurrencyConflictException">It was changed since it was read.</exception>
    /// <exception cref="Common.NotFoundException">It was deleted since it was read.</exception>
    Task UpdateAsync(WorkflowDefinition definition, RevisionRecord revision, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the definition (only while it is at <paramref name="revision"/>, when one is given) with its revisions
    /// and frees its quota slot; false when nothing was deleted.
    /// </summary>
    Task<bool> DeleteAsync(OrganizationId organizationId, WorkflowDefinitionId id, long? revision, CancellationToken cancellationToken);
}
