namespace WorkflowDefinitions.Application.Common.Preconditions;

/// <summary>
/// A strong entity tag (RFC 9110 §8.8.3) of one resource's representation, in the form the <c>ETag</c> header shows it:
/// quoted and opaque to clients. It is made from the resource's revision, which every change advances (see
/// <c>Domain.Common.Revisions</c>), and from whatever else the representation depends on (<paramref name="Variant"/>).
/// </summary>
public readonly record struct EntityTag
{
    private EntityTag(string value) => Value = value;

    /// <summary>The tag with its quotes, as sent and compared.</summary>
    public string Value { get; }

    public static EntityTag Of(long revision, string? variant = null) =>
        new(variant is null ? $"\"{revision:x}\"" : $"\"{revision:x}-{variant}\"");

    /// <summary>A strong tag as a client sent it, quotes included (the header's syntax is checked where it is read).</summary>
    public static EntityTag FromHeader(string quoted) => new(quoted);

    public override string ToString() => Value;
}

/// <summary>A resource with the entity tag of its representation.</summary>
public sealed record Tagged<T>(T Value, EntityTag Tag);
