namespace WorkflowDefinitions.Infrastructure.Persistence.Mongo;

/// <summary>What <see cref="MongoUnlessLarger"/> reads of one stored document: its BSON size, and the document itself when it was not larger than the read allowed.</summary>
public sealed class SizedDocument<TDocument>
    where TDocument : class
{
    public long Size { get; init; }

    public TDocument? Document { get; init; }
}
