using MongoDB.Bson;
using MongoDB.Driver;

namespace WorkflowDefinitions.Infrastructure.Persistence.Mongo;

/// <summary>
/// A lease in the <c>migrations</c> collection, so that of several replicas starting together one changes the indexes
/// while the others wait for it: held by one owner until it is released or its lease runs out (a replica killed while
/// holding it does not block the others for longer than the lease).
/// </summary>
public sealed class MongoMigrationLock(IMongoCollection<BsonDocument> migrations, string name, TimeProvider clock)
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(1);

    private readonly string _owner = Guid.NewGuid().ToString("N");

    public static FilterDefinition<BsonDocument> Free(string name, string owner, DateTime now) =>
        Builders<BsonDocument>.Filter.Eq("_id", name)
        & (Builders<BsonDocument>.Filter.Lt("expiresAt", now) | Builders<BsonDocument>.Filter.Eq("owner", owner));

    /// <summary>Waits until this owner holds the lock.</summary>
    /// <exception cref="TimeoutException">Another owner held it for longer than a lease.</exception>
    public async Task AcquireAsync(CancellationToken cancellationToken)
    {
        var giveUpAt = clock.GetUtcNow() + Lease + Pause;
        while (true)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            try
            {
                await migrations.UpdateOneAsync(
                    Free(name, _owner, now),
                    Builders<BsonDocument>.Update.Set("owner", _owner).Set("expiresAt", now + Lease),
                    new UpdateOptions { IsUpsert = true },
                    cancellationToken);
                return;
            }
            catch (MongoWriteException exception) when (exception.WriteError.Category == ServerErrorCategory.DuplicateKey)
            {
                if (clock.GetUtcNow() > giveUpAt)
                {
                    throw new TimeoutException($"The MongoDB migration lock '{name}' is held by another replica for longer than {Lease.TotalMinutes:0} minutes.");
                }

                await Task.Delay(Pause, clock, cancellationToken);
            }
        }
    }

    public Task ReleaseAsync() =>
        migrations.DeleteOneAsync(Builders<BsonDocument>.Filter.Eq("_id", name) & Builders<BsonDocument>.Filter.Eq("owner", _owner), CancellationToken.None);
}
