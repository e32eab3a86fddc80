namespace WorkflowDefinitions.Infrastructure.Persistence;

/// <summary>Stored documents keep instants as UTC <see cref="DateTime"/>s (BSON dates); the domain uses offsets.</summary>
internal static class StoredTime
{
    public static DateTimeOffset ToInstant(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeSpan.Zero);
}
