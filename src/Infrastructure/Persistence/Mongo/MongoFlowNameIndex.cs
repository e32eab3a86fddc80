using System.Text;
using MongoDB.Bson;
using MongoDB.Driver;

namespace WorkflowDefinitions.Infrastructure.Persistence.Mongo;

/// <summary>
/// The substring index of flow names on MongoDB: every flow document carries <c>nameGrams</c>, the distinct trigrams (by
/// code point) of its folded name, under a multikey index <c>{organizationId, nameGrams}</c>. A term of three characters
/// or more is looked up as <c>nameGrams: {$all: trigrams of the term}</c>, so a search costs what the names sharing the
/// term's trigrams cost, whatever the organization holds; <c>$indexOfCP</c> on the folded name stays the judge. Documents
/// written before the index existed (no <c>nameGrams</c>) are offered too, through the same index's null key, and the
/// start-up migration fills them in (<see cref="Backfill"/>).
/// </summary>
/// <remarks>
/// Trade-offs: about one index entry per character of every name, rewritten with every write of the flow; MongoDB bounds
/// the index scan by one trigram of the <c>$all</c> and checks the others on the documents it fetches, so a term whose
/// first trigram is common costs more candidates. Beyond <see cref="MaxCandidates"/> candidates the term is common and the
/// search reads its page through the index of the page's order instead, so the worst case is the organization's scan.
/// </remarks>
public static class MongoFlowNameIndex
{
    public const string IndexName = "ix_organization_name_grams";

    /// <summary>Beyond this many names offered for a term in an organization, the search reads the page in its order instead.</summary>
    public const int MaxCandidates = 1000;

    /// <summary>
    /// The longest part of a term looked up in the index: every name containing the term contains its first
    /// <see cref="MaxTermCharacters"/> characters' trigrams, and <c>$indexOfCP</c> checks the rest.
    /// </summary>
    public const int MaxTermCharacters = 32;

    /// <summary>
    /// Marks the one query allowed to sort in memory: the page of at most <see cref="MaxCandidates"/> candidates' keys
    /// (MongoDB's <c>comment</c>, visible in the profiler and in <c>currentOp</c>).
    /// </summary>
    public const string BoundedSortComment = "flow name candidates: sorts at most 1000 keys";

    private const string Field = "nameGrams";

    /// <summary>The distinct trigrams of <paramref name="folded"/>, by code point, in order of first appearance.</summary>
    public static IReadOnlyList<string> Of(string folded) => Trigrams(folded.EnumerateRunes());

    /// <summary>Whether the index can look <paramref name="folded"/> up: three characters or more.</summary>
    public static bool Serves(string folded) => folded.EnumerateRunes().Take(3).Count() == 3;

    /// <summary>The trigrams a name containing <paramref name="folded"/> has: those of its first <see cref="MaxTermCharacters"/> characters.</summary>
    public static IReadOnlyList<string> OfTerm(string folded) => Trigrams(folded.EnumerateRunes().Take(MaxTermCharacters));

    /// <summary>The organization's flows the index offers for a term: those with all its trigrams, and those not yet indexed.</summary>
    public static FilterDefinition<FlowTemplateDocument> Candidates(string organizationId, string foldedTerm)
    {
        var grams = new BsonArray(OfTerm(foldedTerm));
        return new BsonDocumentFilterDefinition<FlowTemplateDocument>(new BsonDocument("$or", new BsonArray
        {
            new BsonDocument { { "organizationId", organizationId }, { Field, new BsonDocument("$all", grams) } },
            new BsonDocument { { "organizationId", organizationId }, { Field, BsonNull.Value } },
        }));
    }

    /// <summary>The documents written before the index existed (found through its null key).</summary>
    public static FilterDefinition<FlowTemplateDocument> NotIndexed { get; } =
        new BsonDocumentFilterDefinition<FlowTemplateDocument>(new BsonDocument(Field, BsonNull.Value));

    /// <summary>
    /// Computes <c>nameGrams</c> on the server from the stored folded name, as <see cref="Of"/> does: <c>$substrCP</c>
    /// takes code points, <c>$setUnion</c> keeps each trigram once (a name shorter than three characters has none).
    /// </summary>
    public static UpdateDefinition<FlowTemplateDocument> Backfill { get; } = new PipelineUpdateDefinition<FlowTemplateDocument>(
        new BsonDocument[]
        {
            new("$set", new BsonDocument(Field, new BsonDocument("$setUnion", new BsonArray
            {
                new BsonDocument("$map", new BsonDocument
                {
                    {
                        "input", new BsonDocument("$range", new BsonArray
                        {
                            0,
                            new BsonDocument("$max", new BsonArray
                            {
                                0,
                                new BsonDocument("$subtract", new BsonArray { new BsonDocument("$strLenCP", "$nameFolded"), 2 }),
                            }),
                        })
                    },
                    { "as", "start" },
                    { "in", new BsonDocument("$substrCP", new BsonArray { "$nameFolded", "$$start", 3 }) },
                }),
            }))),
        });

    private static List<string> Trigrams(IEnumerable<Rune> text)
    {
        var runes = text.Select(rune => rune.ToString()).ToArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var grams = new List<string>();
        for (var start = 0; start + 3 <= runes.Length; start++)
        {
            var gram = string.Concat(runes[start], runes[start + 1], runes[start + 2]);
            if (seen.Add(gram))
            {
                grams.Add(gram);
            }
        }

        return grams;
    }

    /// <summary>Fills <c>nameGrams</c> in for the documents written before the index existed (run at start-up under the migration lock).</summary>
    public static async Task<long> BackfillAsync(IMongoCollection<FlowTemplateDocument> flows, CancellationToken cancellationToken)
    {
        var result = await flows.UpdateManyAsync(NotIndexed, Backfill, new UpdateOptions { Hint = IndexName }, cancellationToken);
        return result.ModifiedCount;
    }
}
