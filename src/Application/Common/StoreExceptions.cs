namespace WorkflowDefinitions.Application.Common;

/// <summary>
/// The store could not commit the write in time because concurrent writes kept conflicting with it (on MongoDB:
/// transactions of one organization all write its quota or feed counter). Nothing was written; answered 503 with
/// <c>Retry-After</c>.
/// </summary>
public sealed class StoreBusyException(TimeSpan retried, Exception lastConflict)
    : Exception($"Too many concurrent writes of this organization's workflows; the write was tried for {(int)Math.Ceiling(retried.TotalSeconds)} s and not stored. Retry it.", lastConflict);

/// <summary>
/// The store sent the commit of a write but cannot tell whether it landed (the connection failed during the commit and
/// the store could not be asked afterwards). What the write depended on (automations it created) is kept, so that a
/// stored workflow never points at something undone; answered 503, and the client reads the resource to see.
/// </summary>
public sealed class WriteOutcomeUnknownException(Exception cause)
    : Exception("The store did not confirm whether the write was stored; read the resource to see whether it was, then retry if it was not.", cause);
