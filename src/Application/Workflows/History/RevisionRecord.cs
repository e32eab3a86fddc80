using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Common.Preconditions;
using WorkflowDefinitions.Domain.Common;

namespace WorkflowDefinitions.Application.Workflows.History;

/// <summary>
/// The revision a write records, in the same transaction: the representation the workflow's get answers right after
/// the write, as the JSON text the get answers and the stores keep, its entity tag, and a hash of its content without
/// the server-managed fields. The store numbers it (1, 2, 3… per workflow) and records nothing when the hash equals the
/// latest revision's.
/// </summary>
public sealed record RevisionRecord(RevisionSource Source, DateTimeOffset CreatedAt, EntityTag Tag, byte[] Representation, string ContentHash)
{
    /// <summary>
    /// The revision of <paramref name="representation"/>: written out once, into the text the store keeps and the hash
    /// (<see cref="CanonicalJson.Hash"/>, without the top-level <paramref name="serverManaged"/> properties) is read from.
    /// </summary>
    public static RevisionRecord Of(
        RevisionSource source, DateTimeOffset createdAt, EntityTag tag, JsonAnswer representation, IReadOnlyCollection<string> serverManaged)
    {
        var text = StoredText.Write(representation.WriteTo);
        return new(source, createdAt, tag, text, CanonicalJson.Hash(text, serverManaged));
    }
}

/// <summary>One revision as the list shows it.</summary>
public sealed record RevisionSummary(int Number, DateTimeOffset CreatedAt, RevisionSource Source, string ETag);

/// <summary>One revision with the representation it recorded, as the stored JSON text.</summary>
public sealed record WorkflowRevision(RevisionSummary Summary, ReadOnlyMemory<byte> RepresentationText)
{
    /// <summary>How deep a representation's JSON may nest (as deep as a stored document).</summary>
    public const int MaxDepth = StoredText.MaxDepth;
}

/// <summary>A page of revisions, newest first, and where the next page starts (null: no more).</summary>
public sealed record RevisionPage(IReadOnlyList<RevisionSummary> Revisions, int? NextBefore);
