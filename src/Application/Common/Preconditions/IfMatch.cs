namespace WorkflowDefinitions.Application.Common.Preconditions;

/// <summary>
/// The precondition of a write (<c>If-Match</c>, RFC 9110 §13.1.1): the version the client means to change, named by
/// its entity tags, or any version (<c>*</c>). Tags compare strongly: a weak tag names no version.
/// </summary>
public sealed class IfMatch
{
    private readonly IReadOnlyList<EntityTag> _tags;

    private IfMatch(IReadOnlyList<EntityTag> tags, bool anyVersion)
    {
        _tags = tags;
        AnyVersion = anyVersion;
    }

    /// <summary><c>If-Match: *</c>: the resource must exist, whatever its version.</summary>
    public static IfMatch Any { get; } = new([], anyVersion: true);

    /// <summary>True for <c>*</c>: a lost race may be written again; otherwise the version is pinned and a lost race is a 412.</summary>
    public bool AnyVersion { get; }

    /// <summary>The strong tags of the header (weak ones dropped: they never match).</summary>
    public static IfMatch OneOf(IReadOnlyList<EntityTag> tags) => new(tags, anyVersion: false);

    /// <summary>The resource is at a version the client named; otherwise a 412 naming it.</summary>
    /// <exception cref="PreconditionFailedException">It is not.</exception>
    public void Check(EntityTag current, Func<PreconditionFailedException> failed)
    {
        if (!AnyVersion && !_tags.Contains(current))
        {
            throw failed();
        }
    }
}

/// <summary>
/// The resource is not at the version the request's <c>If-Match</c> names: it changed since the client read it. Answered
/// with 412; nothing was changed.
/// </summary>
public sealed class PreconditionFailedException(string resource, string id)
    : Exception($"{resource} with id '{Domain.Common.ClientText.Cut(id, Domain.Common.ResourceIdSyntax.MaxLength)}' has changed since the version If-Match names")
{
    public static PreconditionFailedException FlowTemplate(string id) => new("Flow template", id);

    public static PreconditionFailedException Definition(string id) => new("Definition", id);

    public static PreconditionFailedException ClosingReason(string id) => new("Closing reason", id);
}
