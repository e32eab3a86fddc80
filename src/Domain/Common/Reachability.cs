namespace WorkflowDefinitions.Domain.Common;

/// <summary>
/// Answers many "does a path of one or more edges lead from A to B?" questions about one directed graph at once, in
/// O((nodes + edges) × ⌈distinct sources / 64⌉): the strongly connected components are found in one pass (Tarjan), then
/// each group of 64 sources is pushed through the components in topological order as a 64-bit set. Under the hard cap
/// on tasks that is a small constant number of linear passes, never one traversal per question.
/// </summary>
public static class Reachability
{
    private const int SourcesPerPass = 64;

    /// <returns>For each question, in order, whether <c>To</c> can be reached from <c>From</c>.</returns>
    public static bool[] Answer(IReadOnlyList<(string From, string To)> edges, IReadOnlyList<(string From, string To)> questions)
    {
        var answers = new bool[questions.Count];
        if (questions.Count == 0)
        {
            return answers;
        }

        var graph = IndexedGraph.Build(edges, questions);
        var components = Components.Of(graph);
        var sourceNodes = new List<int>();
        var sourcePositions = new Dictionary<int, int>();
        var questionsByPass = new List<List<int>>();
        for (var q = 0; q < questions.Count; q++)
        {
            var source = graph.NodeOf(questions[q].From);
            if (!sourcePositions.TryGetValue(source, out var position))
            {
                position = sourceNodes.Count;
                sourcePositions[source] = position;
                sourceNodes.Add(source);
                if (position % SourcesPerPass == 0)
                {
                    questionsByPass.Add([]);
                }
            }

            questionsByPass[position / SourcesPerPass].Add(q);
        }

        var reached = new ulong[components.Count];
        for (var pass = 0; pass < questionsByPass.Count; pass++)
        {
            Array.Clear(reached);
            var first = pass * SourcesPerPass;
            for (var s = first; s < Math.Min(first + SourcesPerPass, sourceNodes.Count); s++)
            {
                reached[components.Of(sourceNodes[s])] |= 1UL << (s - first);
            }

            components.Propagate(graph, reached);
            foreach (var q in questionsByPass[pass])
            {
                var from = graph.NodeOf(questions[q].From);
                var to = graph.NodeOf(questions[q].To);
                var bit = 1UL << (sourcePositions[from] - first);
                answers[q] = (reached[components.Of(to)] & bit) != 0 && (from != to || components.HasCycleThrough(graph, from));
            }
        }

        return answers;
    }

    /// <summary>The graph with its nodes numbered and its edges as compact adjacency arrays.</summary>
    private sealed class IndexedGraph
    {
        private readonly Dictionary<string, int> _nodes;

        private IndexedGraph(Dictionary<string, int> nodes, int[] firstEdge, int[] targets)
        {
            _nodes = nodes;
            FirstEdge = firstEdge;
            Targets = targets;
        }

        public int NodeCount => _nodes.Count;

        /// <summary>The successors of node n are <c>Targets[FirstEdge[n]..FirstEdge[n + 1]]</c>.</summary>
        public int[] FirstEdge { get; }

        public int[] Targets { get; }

        public int NodeOf(string id) => _nodes[id];

        public static IndexedGraph Build(IReadOnlyList<(string From, string To)> edges, IReadOnlyList<(string From, string To)> questions)
        {
            var nodes = new Dictionary<string, int>(StringComparer.Ordinal);
            int Node(string id)
            {
                if (!nodes.TryGetValue(id, out var node))
                {
                    node = nodes.Count;
                    nodes[id] = node;
                }

                return node;
            }

            var from = new int[edges.Count];
            var to = new int[edges.Count];
            for (var e = 0; e < edges.Count; e++)
            {
                from[e] = Node(edges[e].From);
                to[e] = Node(edges[e].To);
            }

            foreach (var (questionFrom, questionTo) in questions)
            {
                Node(questionFrom);
                Node(questionTo);
            }

            var firstEdge = new int[nodes.Count + 1];
            foreach (var source in from)
            {
                firstEdge[source + 1]++;
            }

            for (var n = 0; n < nodes.Count; n++)
            {
                firstEdge[n + 1] += firstEdge[n];
            }

            var targets = new int[edges.Count];
            var filled = firstEdge[..^1];
            for (var e = 0; e < edges.Count; e++)
            {
                targets[filled[from[e]]++] = to[e];
            }

            return new IndexedGraph(nodes, firstEdge, targets);
        }
    }

    /// <summary>
    /// The strongly connected components, numbered as Tarjan's algorithm completes them: every edge between two
    /// components leads from a higher number to a lower one, so descending numbers are a topological order.
    /// </summary>
    private sealed class Components
    {
        private readonly int[] _componentOf;
        private readonly int[] _componentSize;
        private readonly int[] _nodesByComponent;
        private readonly int[] _firstNodeOfComponent;

        private Components(int[] componentOf, int count)
        {
            _componentOf = componentOf;
            Count = count;
            _componentSize = new int[count];
            foreach (var component in componentOf)
            {
                _componentSize[component]++;
            }

            _firstNodeOfComponent = new int[count + 1];
            for (var c = 0; c < count; c++)
            {
                _firstNodeOfComponent[c + 1] = _firstNodeOfComponent[c] + _componentSize[c];
            }

            _nodesByComponent = new int[componentOf.Length];
            var filled = _firstNodeOfComponent[..^1];
            for (var n = 0; n < componentOf.Length; n++)
            {
                _nodesByComponent[filled[componentOf[n]]++] = n;
            }
        }

        public int Count { get; }

        public int Of(int node) => _componentOf[node];

        /// <summary>A path back to itself exists when the node's component has other nodes or the node has a self-edge.</summary>
        public bool HasCycleThrough(IndexedGraph graph, int node)
        {
            if (_componentSize[_componentOf[node]] > 1)
            {
                return true;
            }

            for (var e = graph.FirstEdge[node]; e < graph.FirstEdge[node + 1]; e++)
            {
                if (graph.Targets[e] == node)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Pushes every component's set to its successors, upstream components first.</summary>
        public void Propagate(IndexedGraph graph, ulong[] reached)
        {
            for (var component = Count - 1; component >= 0; component--)
            {
                var bits = reached[component];
                if (bits == 0)
                {
                    continue;
                }

                for (var i = _firstNodeOfComponent[component]; i < _firstNodeOfComponent[component + 1]; i++)
                {
                    var node = _nodesByComponent[i];
                    for (var e = graph.FirstEdge[node]; e < graph.FirstEdge[node + 1]; e++)
                    {
                        reached[_componentOf[graph.Targets[e]]] |= bits;
                    }
                }
            }
        }

        /// <summary>Tarjan's algorithm with an explicit stack, so that a long chain cannot overflow the call stack.</summary>
        public static Components Of(IndexedGraph graph)
        {
            var count = graph.NodeCount;
            var order = new int[count];
            var low = new int[count];
            var componentOf = new int[count];
            Array.Fill(order, -1);
            var onStack = new bool[count];
            var stack = new Stack<int>();
            var calls = new Stack<(int Node, int NextEdge)>();
            var visited = 0;
            var components = 0;

            for (var root = 0; root < count; root++)
            {
                if (order[root] >= 0)
                {
                    continue;
                }

                calls.Push((root, graph.FirstEdge[root]));
                order[root] = low[root] = visited++;
                stack.Push(root);
                onStack[root] = true;
                while (calls.Count > 0)
                {
                    var (node, nextEdge) = calls.Pop();
                    if (nextEdge < graph.FirstEdge[node + 1])
                    {
                        calls.Push((node, nextEdge + 1));
                        var target = graph.Targets[nextEdge];
                        if (order[target] < 0)
                        {
                            order[target] = low[target] = visited++;
                            stack.Push(target);
                            onStack[target] = true;
                            calls.Push((target, graph.FirstEdge[target]));
                        }
                        else if (onStack[target])
                        {
                            low[node] = Math.Min(low[node], order[target]);
                        }

                        continue;
                    }

                    if (low[node] == order[node])
                    {
                        int member;
                        do
                        {
                            member = stack.Pop();
                            onStack[member] = false;
                            componentOf[member] = components;
                        }
                        while (member != node);

                        components++;
                    }

                    if (calls.TryPeek(out var caller))
                    {
                        low[caller.Node] = Math.Min(low[caller.Node], low[node]);
                    }
                }
            }

            return new Components(componentOf, components);
        }
    }
}
