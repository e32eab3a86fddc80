namespace WorkflowDefinitions.Application.Common;

/// <summary>
/// An item of a list that leaves large documents unread: the stored <see cref="Value"/>, or — its document being larger
/// than the list allowed — only its <see cref="Id"/> and the document's size (<see cref="LargerBytes"/>), so that it is
/// read by id once there is room for it (<see cref="IAnswerRoom"/>).
/// </summary>
public readonly record struct Listed<T>(T? Value, string Id, long LargerBytes)
    where T : class
{
    public bool IsLarger => Value is null;

    public Listed<TResult> Select<TResult>(Func<T, TResult> map)
        where TResult : class => Value is null ? new(null, Id, LargerBytes) : new(map(Value), Id, 0);
}

public static class Listed
{
    public static Listed<T> Found<T>(T value, string id)
        where T : class => new(value, id, 0);

    public static Listed<T> Larger<T>(string id, long bytes)
        where T : class => new(null, id, bytes);
}
