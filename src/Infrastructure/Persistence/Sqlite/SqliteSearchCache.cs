using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using WorkflowDefinitions.Application.Common.Metrics;
using WorkflowDefinitions.Application.FlowTemplates;

namespace WorkflowDefinitions.Infrastructure.Persistence.Sqlite;

/// <summary>
/// The answers of recent flow searches — their count and their page's stored flows — each kept with the position of its
/// organization's change feed it was read at (<see cref="SqliteFlowChangeFeed.PositionQuery"/>). Every write to a flow
/// records a change in its own transaction, so while the position has not moved, the organization's flows are what they
/// were and a search answers as it did; a search reads the position from the database first (any process's writes move
/// it) and is answered from here only when it matches, so nothing is served unless verified current. A kept search
/// costs <see cref="CostOf(FlowTemplateDocument)"/> of its flows and its key; all of them together stay within
/// <see cref="BudgetBytes"/> (the least recently used are dropped first) and one within an eighth of it, so what a
/// client's searches can make the service hold is bounded, whatever they ask. A page holding a flow listed unread (its
/// document larger than the answer allows) is never kept. A budget of 0 keeps nothing. With a meter factory, lookups are
/// counted by result (<c>workflow_definitions.sqlite.search_cache.lookups</c>, <c>result</c> <c>hit</c> or <c>miss</c>)
/// and what the kept searches cost is observed (<c>workflow_definitions.sqlite.search_cache.size</c>).
/// </summary>
public sealed class SqliteSearchCache
{
    /// <summary>What a kept search costs beyond its flows: its entry, its key's strings counted apart.</summary>
    private const int EntryOverheadBytes = 256;

    /// <summary>What a kept flow costs beyond its document and its strings.</summary>
    private const int FlowOverheadBytes = 160;

    private static readonly KeyValuePair<string, object?> Hit = new("result", "hit");
    private static readonly KeyValuePair<string, object?> Miss = new("result", "miss");

    private readonly Lock _lock = new();
    private readonly Dictionary<Key, LinkedListNode<Search>> _searches = [];

    /// <summary>The kept searches, most recently used first.</summary>
    private readonly LinkedList<Search> _recent = [];

    private readonly Counter<long>? _lookups;
    private long _heldBytes;

    public SqliteSearchCache(long budgetBytes, IMeterFactory? meterFactory = null)
    {
        BudgetBytes = Math.Max(0, budgetBytes);
        if (meterFactory is not null)
        {
            var meter = meterFactory.Create(WorkflowMetrics.MeterName);
            _lookups = meter.CreateCounter<long>(
                "workflow_definitions.sqlite.search_cache.lookups", "{lookup}", "Flow searches looked up among those kept, by result: hit (answered again) or miss (read).");
            meter.CreateObservableUpDownCounter(
                "workflow_definitions.sqlite.search_cache.size", () => HeldBytes, "By", "What the kept flow searches cost: their documents, strings and keys.");
        }
    }

    public static SqliteSearchCache From(IOptions<StorageOptions> options, IMeterFactory meterFactory) =>
        new(options.Value.Sqlite.SearchCacheMiB * 1024L * 1024L, meterFactory);

    public long BudgetBytes { get; }

    /// <summary>The most one kept search may cost.</summary>
    public long MaxSearchBytes => BudgetBytes / 8;

    public bool IsOn => BudgetBytes > 0;

    /// <summary>What the kept searches cost now.</summary>
    public long HeldBytes
    {
        get
        {
            lock (_lock)
            {
                return _heldBytes;
            }
        }
    }

    public static long CostOf(FlowTemplateDocument flow) =>
        flow.Document.Utf8.Length + 2L * (flow.OrganizationId.Length + flow.Id.Length + flow.Name.Length + flow.NameFolded.Length) + FlowOverheadBytes;

    /// <summary>The search kept for <paramref name="key"/> if it was read at <paramref name="position"/>; one read at another position is dropped.</summary>
    public bool TryGet(Key key, long position, out Search search)
    {
        var found = Find(key, position);
        _lookups?.Add(1, found is null ? Miss : Hit);
        search = found!;
        return found is not null;
    }

    private Search? Find(Key key, long position)
    {
        lock (_lock)
        {
            if (!_searches.TryGetValue(key, out var node))
            {
                return null;
            }

            if (node.Value.Position != position)
            {
                Drop(node);
                return null;
            }

            _recent.Remove(node);
            _recent.AddFirst(node);
            return node.Value;
        }
    }

    /// <summary>
    /// Keeps a search read at <paramref name="position"/> in place of the one kept for its key (unless that one was read
    /// later), if it costs at most <see cref="MaxSearchBytes"/>; the least recently used are dropped until all fit the budget.
    /// </summary>
    public void Keep(Key key, long position, int hits, FlowTemplateDocument[] flows)
    {
        var search = new Search(key, position, hits, flows, key.Cost + flows.Sum(CostOf));
        if (search.Bytes > MaxSearchBytes)
        {
            return;
        }

        lock (_lock)
        {
            if (_searches.TryGetValue(key, out var kept))
            {
                if (kept.Value.Position > position)
                {
                    return;
                }

                Drop(kept);
            }

            _searches[key] = _recent.AddFirst(search);
            _heldBytes += search.Bytes;
            while (_heldBytes > BudgetBytes && _recent.Last is { } oldest)
            {
                Drop(oldest);
            }
        }
    }

    private void Drop(LinkedListNode<Search> node)
    {
        _recent.Remove(node);
        _searches.Remove(node.Value.Key);
        _heldBytes -= node.Value.Bytes;
    }

    /// <summary>A search as its answer depends on it: the organization, its criteria and the size above which a flow is listed unread.</summary>
    public sealed record Key(string OrganizationId, FlowTemplateSearch Search, int MaxBytes)
    {
        public long Cost
        {
            get
            {
                var triggers = Search.Triggers;
                string?[] texts =
                [
                    OrganizationId, Search.NameContains, Search.DefinitionId,
                    triggers.Type, triggers.AutomationId, triggers.JourneyId, triggers.AutomationOrJourneyId, triggers.EntitySchema,
                ];
                return EntryOverheadBytes + 2L * texts.Sum(text => text?.Length ?? 0);
            }
        }
    }

    /// <summary>A kept search: its count and its page's flows, as read at <see cref="Position"/> of the organization's feed.</summary>
    public sealed record Search(Key Key, long Position, int Hits, FlowTemplateDocument[] Flows, long Bytes);
}
