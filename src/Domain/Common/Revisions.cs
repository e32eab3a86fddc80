namespace WorkflowDefinitions.Domain.Common;

/// <summary>
/// Versions of stored items (the entity tags clients see are made from them). Every change of a stored item gives it
/// the next revision, and a store writes the change only while the item is still at the revision it was read at. A new
/// item starts at a random revision, so that an id used again (a closing reason deleted and created anew) never
/// repeats the revisions of the item that had it before.
/// </summary>
public static class Revisions
{
    /// <summary>Far below <see cref="long.MaxValue"/>: an item can change billions of times before it would overflow.</summary>
    private const long Start = 1L << 62;

    public static long ForNewItem() => Random.Shared.NextInt64(1, Start);

    /// <summary>The revision of a changed item: the next after the stored one; a new item keeps its first revision.</summary>
    public static long After(long? storedRevision, long revision) => storedRevision is { } stored ? stored + 1 : revision;
}
