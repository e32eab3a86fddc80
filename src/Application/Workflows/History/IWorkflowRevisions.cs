using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.Workflows.History;

/// <summary>
/// The recorded revisions of flows and definitions, read back. They are written by the workflow repositories, in the
/// transaction of the write they record, and deleted with their workflow.
/// </summary>
public interface IWorkflowRevisions
{
    /// <summary>Up to <paramref name="limit"/> revisions, newest first, numbered below <paramref name="before"/> when given.</summary>
    Task<RevisionPage> ListAsync(
        OrganizationId organizationId, WorkflowKind kind, string workflowId, int limit, int? before, CancellationToken cancellationToken);

    /// <summary>One revision; null when the workflow has no revision of that number (or is another organization's).</summary>
    Task<WorkflowRevision?> FindAsync(OrganizationId organizationId, WorkflowKind kind, string workflowId, int number, CancellationToken cancellationToken);

    /// <summary>
    /// One revision, unless its representation is larger than <paramref name="maxBytes"/>: then only the representation's
    /// size, read without it, so that room for it can be taken before it is read (<see cref="IAnswerRoom"/>; the size as
    /// in <see cref="FlowTemplates.IFlowTemplateRepository.FindUnlessLargerAsync"/>).
    /// </summary>
    Task<UnlessLarger<WorkflowRevision>> FindUnlessLargerAsync(
        OrganizationId organizationId, WorkflowKind kind, string workflowId, int number, int maxBytes, CancellationToken cancellationToken);

    /// <summary>Workflows of <paramref name="kind"/> stored before revisions were recorded: they have none yet.</summary>
    IAsyncEnumerable<(OrganizationId OrganizationId, string WorkflowId)> WithoutRevisionsAsync(WorkflowKind kind, CancellationToken cancellationToken);

    /// <summary>Records <paramref name="record"/> as revision 1 of a workflow that has no revision yet; nothing otherwise.</summary>
    Task AddFirstAsync(OrganizationId organizationId, WorkflowKind kind, string workflowId, RevisionRecord record, CancellationToken cancellationToken);
}
