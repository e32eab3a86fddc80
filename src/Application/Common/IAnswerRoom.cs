using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.Common;

/// <summary>
/// Room for the stored documents answers hold until their clients have taken them (the Api's request budget): a read of a
/// large document takes its room before it reads the document, so that clients that read slowly — or are refused — do
/// not make the process read more documents than it may hold.
/// </summary>
public interface IAnswerRoom
{
    /// <summary>Answers holding at most this many bytes of a stored document need no room.</summary>
    public const int SmallAnswerBytes = 64 * 1024;

    /// <summary>
    /// Waits for room for <paramref name="bytes"/> of a stored document until the answer holding them is sent (disposing
    /// the result gives it back); throws the busy error (503) when there is none in time.
    /// </summary>
    Task<IDisposable> TakeAsync(OrganizationId organizationId, long bytes, CancellationToken cancellationToken);
}
