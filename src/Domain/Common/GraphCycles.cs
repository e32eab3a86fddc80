namespace WorkflowDefinitions.Domain.Common;

/// <summary>Cycle search in a directed graph given as adjacency lists (V2 edges and requirements, V1 requirements).</summary>
public static class GraphCycles
{
    /// <summary>Returns one cycle as the ids along it, first id repeated at the end (<c>a, b, a</c>), or null.</summary>
    public static IReadOnlyList<string>? Find(IReadOnlyDictionary<string, List<string>> next)
    {
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: on the current path, true: done
        foreach (var start in next.Keys.Order(StringComparer.Ordinal))
        {
            if (state.ContainsKey(start))
            {
                continue;
            }

            var path = new List<string> { start };
            var iterators = new Stack<IEnumerator<string>>();
            iterators.Push(next[start].GetEnumerator());
            state[start] = false;
            while (iterators.Count > 0)
            {
                if (!iterators.Peek().MoveNext())
                {
                    iterators.Pop().Dispose();
                    state[path[^1]] = true;
                    path.RemoveAt(path.Count - 1);
                    continue;
                }

                var target = iterators.Peek().Current;
                if (!state.TryGetValue(target, out var done))
                {
                    state[target] = false;
                    path.Add(target);
                    iterators.Push((next.GetValueOrDefault(target) ?? []).GetEnumerator());
                }
                else if (!done)
                {
                    return [.. path.Skip(path.IndexOf(target)), target];
                }
            }
        }

        return null;
    }
}
