namespace WorkflowDefinitions.Application.Common;

/// <summary>
/// What a read that leaves large documents unread found: the stored <see cref="Value"/>, or — its document being larger
/// than the read allowed — only that document's size (<see cref="LargerBytes"/>); neither when nothing is stored.
/// </summary>
public readonly record struct UnlessLarger<T>(T? Value, long LargerBytes)
    where T : class
{
    public bool IsLarger => LargerBytes > 0;

    /// <summary>Whether anything is stored (a read with a <c>maxBytes</c> of 0 tells it without reading a document).</summary>
    public bool IsFound => Value is not null || IsLarger;
}

public static class UnlessLarger
{
    public static UnlessLarger<T> Found<T>(T? value)
        where T : class => new(value, 0);

    public static UnlessLarger<T> Larger<T>(long bytes)
        where T : class => new(null, bytes);
}
