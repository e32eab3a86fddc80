using WorkflowDefinitions.Domain.Common;

namespace WorkflowDefinitions.Domain.UnitTests.Common;

public class ReachabilityTests
{
    [Test]
    public void Answer_FollowsPathsOfAnyLength_InTheEdgesDirectionOnly()
    {
        var answers = Reachability.Answer(
            [("a", "b"), ("b", "c"), ("c", "d")],
            [("a", "d"), ("b", "c"), ("d", "a"), ("c", "b")]);

        Assert.That(answers, Is.EqualTo(new[] { true, true, false, false }));
    }

    [Test]
    public void Answer_WithinACycle_EveryNodeReachesEveryOther_AndItself()
    {
        var answers = Reachability.Answer(
            [("a", "b"), ("b", "c"), ("c", "a"), ("c", "x")],
            [("b", "a"), ("a", "a"), ("x", "a"), ("a", "x")]);

        Assert.That(answers, Is.EqualTo(new[] { true, true, false, true }));
    }

    [Test]
    public void Answer_ANodeReachesItselfOnlyThroughAnEdge()
    {
        var answers = Reachability.Answer([("a", "b"), ("s", "s")], [("a", "a"), ("s", "s"), ("lonely", "lonely")]);

        Assert.That(answers, Is.EqualTo(new[] { false, true, false }));
    }

    [Test]
    public void Answer_NodesWithoutEdges_ReachNothing() =>
        Assert.That(Reachability.Answer([], [("a", "b")]), Is.EqualTo(new[] { false }));

    [Test]
    public void Answer_WithMoreSourcesThanOnePassHolds_MatchesABreadthFirstSearchPerQuestion()
    {
        var random = new Random(7);
        var nodes = Enumerable.Range(0, 300).Select(i => $"n{i}").ToArray();
        var edges = Enumerable.Range(0, 600).Select(_ => (nodes[random.Next(nodes.Length)], nodes[random.Next(nodes.Length)])).ToList();
        var questions = Enumerable.Range(0, 500).Select(_ => (nodes[random.Next(nodes.Length)], nodes[random.Next(nodes.Length)])).ToList();

        var answers = Reachability.Answer(edges, questions);

        Assert.That(answers, Is.EqualTo(questions.Select(q => SearchFrom(edges, q.Item1, q.Item2)).ToArray()));
    }

    [Test]
    public void Answer_OnALongChain_DoesNotRecurse()
    {
        var edges = Enumerable.Range(0, 200_000).Select(i => ($"n{i}", $"n{i + 1}")).ToList();

        Assert.That(Reachability.Answer(edges, [("n0", "n200000"), ("n200000", "n0")]), Is.EqualTo(new[] { true, false }));
    }

    private static bool SearchFrom(List<(string From, string To)> edges, string from, string to)
    {
        var seen = new HashSet<string>();
        var queue = new Queue<string>([from]);
        while (queue.TryDequeue(out var node))
        {
            foreach (var (_, next) in edges.Where(e => e.From == node))
            {
                if (next == to)
                {
                    return true;
                }

                if (seen.Add(next))
                {
                    queue.Enqueue(next);
                }
            }
        }

        return false;
    }
}
