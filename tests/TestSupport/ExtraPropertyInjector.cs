using System.Text.Json.Nodes;

namespace WorkflowDefinitions.TestSupport;

/// <summary>
/// Adds unknown properties with random JSON values (nested objects and arrays, odd names, numbers written in several
/// ways, unicode) to every object of a document, to prove they come back exactly.
/// </summary>
public static class ExtraPropertyInjector
{
    private static readonly string[] Names = ["x_extra", "$dollar", "dotted.name", "ünïcödé", "with space", "emoji😀", "UPPER", "_underscore"];

    public static JsonObject Inject(JsonObject document, int seed)
    {
        var random = new Random(seed);
        var copy = (JsonObject)document.DeepClone();
        var counter = 0;
        Visit(copy, random, ref counter);
        return copy;
    }

    private static void Visit(JsonNode? node, Random random, ref int counter)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var child in obj.Select(p => p.Value).ToList())
                {
                    Visit(child, random, ref counter);
                }

                obj[$"{Names[random.Next(Names.Length)]}_{counter++}"] = RandomValue(random, depth: 0);
                break;
            case JsonArray array:
                foreach (var child in array.ToList())
                {
                    Visit(child, random, ref counter);
                }

                break;
        }
    }

    private static JsonNode? RandomValue(Random random, int depth) => random.Next(depth > 2 ? 6 : 8) switch
    {
        0 => null,
        1 => random.Next(2) == 0,
        2 => JsonNode.Parse(new[] { "0", "-1", "1.0", "1e3", "2.5E-7", "123456789012345678901234567890", "-0.0" }[random.Next(7)]),
        3 => new[] { "", "text", "ü €😀", "line\nbreak\t\"quoted\"", "2021-04-27T12:00:00.000Z" }[random.Next(5)],
        4 => random.NextDouble(),
        5 => random.Next(),
        6 => new JsonArray(Enumerable.Range(0, random.Next(4)).Select(_ => RandomValue(random, depth + 1)).ToArray()),
        _ => new JsonObject(Enumerable.Range(0, random.Next(4)).Select(i => KeyValuePair.Create($"k{i}", RandomValue(random, depth + 1)))),
    };
}
