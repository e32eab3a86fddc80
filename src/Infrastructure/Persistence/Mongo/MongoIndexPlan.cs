using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Driver;

namespace WorkflowDefinitions.Infrastructure.Persistence.Mongo;

/// <summary>An index as the service defines it: its name, keys in order and whether it is unique.</summary>
public sealed record MongoIndexSpec(string Name, BsonDocument Keys, bool Unique)
{
    public static MongoIndexSpec Of<TDocument>(CreateIndexModel<TDocument> model) => new(
        model.Options.Name ?? throw new ArgumentException("Every index of the service is named.", nameof(model)),
        model.Keys.Render(new RenderArgs<TDocument>(BsonSerializer.LookupSerializer<TDocument>(), BsonSerializer.SerializerRegistry)),
        model.Options.Unique ?? false);
}

/// <summary>
/// What brings one collection's indexes to the service's definitions (<see cref="MongoIndexes"/>), as
/// <see cref="MongoIndexInitializer"/> runs it at start-up under a lock: an index the service defines that is missing is
/// created; one that exists under its name with other keys or uniqueness is dropped and created again; an index the
/// service no longer defines (named with its prefixes <c>ux_</c>/<c>ix_</c>), or one of another name with the keys of an
/// index it defines, is dropped. Indexes an operator added under other names and keys are left alone.
/// </summary>
public sealed record MongoIndexPlan(IReadOnlyList<string> Drops, IReadOnlyList<string> Creates)
{
    private static readonly string[] ServicePrefixes = ["ux_", "ix_"];

    public bool IsEmpty => Drops.Count == 0 && Creates.Count == 0;

    /// <param name="existing">The collection's indexes as <c>listIndexes</c> answers them.</param>
    public static MongoIndexPlan For(IEnumerable<BsonDocument> existing, IReadOnlyList<MongoIndexSpec> desired)
    {
        var byName = desired.ToDictionary(spec => spec.Name, StringComparer.Ordinal);
        var kept = new HashSet<string>(StringComparer.Ordinal);
        var drops = new List<string>();
        foreach (var index in existing)
        {
            var name = index.GetValue("name", BsonNull.Value).IsString ? index["name"].AsString : null;
            if (name is null or "_id_")
            {
                continue;
            }

            var keys = index.GetValue("key", new BsonDocument()).AsBsonDocument;
            var unique = index.GetValue("unique", false).ToBoolean();
            if (byName.TryGetValue(name, out var spec) && SameKeys(keys, spec.Keys) && unique == spec.Unique)
            {
                kept.Add(name);
            }
            else if (byName.ContainsKey(name) || ServicePrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal))
                     || desired.Any(d => SameKeys(keys, d.Keys)))
            {
                drops.Add(name);
            }
        }

        return new MongoIndexPlan(drops, [.. desired.Where(spec => !kept.Contains(spec.Name)).Select(spec => spec.Name)]);
    }

    /// <summary>Same fields in the same order and directions; the server may give <c>1</c> as an int or a double.</summary>
    public static bool SameKeys(BsonDocument one, BsonDocument other) =>
        one.ElementCount == other.ElementCount
        && one.Elements.Zip(other.Elements).All(pair => pair.First.Name == pair.Second.Name && SameDirection(pair.First.Value, pair.Second.Value));

    private static bool SameDirection(BsonValue one, BsonValue other) =>
        one.IsNumeric && other.IsNumeric ? one.ToDouble() == other.ToDouble() : one.Equals(other);
}
