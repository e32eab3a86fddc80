using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.FlowTemplates;
using WorkflowDefinitions.Application.Workflows;
using WorkflowDefinitions.Application.Workflows.History;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.FlowTemplates;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Infrastructure.Persistence.Sqlite;

/// <summary>
/// Flow templates on SQLite: one row per template (queried fields + the document) and one row per trigger, so list and
/// search filter, count and page inside the database through indexes. Every write records its revision and its change
/// of the feed in its transaction (see <see cref="SqliteHistory"/>), and wakes this process's feed readers after it; the
/// change moves the organization's feed position, which is what lets a search be answered again (<see cref="SqliteSearchCache"/>).
/// </summary>
public sealed class SqliteFlowTemplateRepository(
    SqliteConnectionFactory connections, SqliteSearchCache searches, RevisionsOptions revisions, ChangeSignals signals, TimeProvider clock)
    : IFlowTemplateRepository
{
    private const string Table = "flow_templates";
    private const string KeyColumns = "f.organization_id, f.id, f.name, f.name_folded, f.enabled, f.created_at, f.updated_at, f.revision";
    private const string Columns = $"{KeyColumns}, f.document";
    private const string ByKey = $"SELECT {Columns} FROM {Table} f WHERE f.organization_id = @organization_id AND f.id = @id";

    private static readonly string ByKeyUnlessLarger = SqliteUnlessLarger.ByKey(KeyColumns, Table);

    private const int DocumentColumn = 8;

    /// <summary>The flows of a JSON array of ids (<c>@ids</c>), in its order (see <see cref="SqliteRowsByIds"/>).</summary>
    public static readonly string ByIds = SqliteRowsByIds.Query(KeyColumns, Table);

    private const string Insert = $"""
        INSERT INTO {Table} (organization_id, id, name, name_folded, enabled, created_at, updated_at, revision, document)
        VALUES (@organization_id, @id, @name, @name_folded, @enabled, @created_at, @updated_at, @revision, @document)
        """;

    private const string Update = $"""
        UPDATE {Table}
        SET name = @name, name_folded = @name_folded, enabled = @enabled, updated_at = @updated_at,
            revision = @revision, document = @document
        WHERE organization_id = @organization_id AND id = @id AND revision = @stored_revision
        """;

    private const string ClearTriggers = "DELETE FROM flow_template_triggers WHERE organization_id = @organization_id AND flow_id = @id";

    private const string InsertTrigger = """
        INSERT INTO flow_template_triggers (organization_id, flow_id, position, type, automation_id, journey_id, entity_schema)
        VALUES (@organization_id, @id, @position, @type, @automation_id, @journey_id, @entity_schema)
        """;

    private static readonly string DeleteRow = StoredRevisions.DeleteSqliteRow(Table);

    public async Task<FlowTemplate?> FindAsync(OrganizationId organizationId, FlowTemplateId id, CancellationToken cancellationToken)
    {
        using var activity = StoreTelemetry.StartSqlite(Table, "find", organizationId);
        return await connections.Reads.ReadAsync(
            ByKey,
            parameters =>
            {
                parameters.AddWithValue("@organization_id", organizationId.Value);
                parameters.AddWithValue("@id", id.Value);
            },
            async (reader, token) => await reader.ReadAsync(token) ? Read(reader).ToDomain() : null,
            cancellationToken);
    }

    public async Task<UnlessLarger<FlowTemplate>> FindUnlessLargerAsync(
        OrganizationId organizationId, FlowTemplateId id, int maxBytes, CancellationToken cancellationToken)
    {
        using var activity = StoreTelemetry.StartSqlite(Table, "find", organizationId);
        return await SqliteUnlessLarger.FindAsync(
            connections.Reads, ByKeyUnlessLarger, organizationId, id.Value, maxBytes, reader => Read(reader).ToDomain(), cancellationToken);
    }

    public async IAsyncEnumerable<Listed<FlowTemplate>> ListAsync(
        OrganizationId organizationId, TriggerCriteria criteria, int maxBytes, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var activity = StoreTelemetry.StartSqlite(Table, "list", organizationId);
        List<string> ids;
        await using (var connection = await connections.OpenAsync(cancellationToken))
        {
            ids = await SqliteRowsByIds.IdsAsync(ListCommand(connection, organizationId, criteria), cancellationToken);
        }

        await foreach (var flow in ReadByIdsAsync(organizationId, ids, maxBytes, cancellationToken))
        {
            yield return flow;
        }
    }

    /// <summary>
    /// A search answered again from <see cref="SqliteSearchCache"/> while its organization's feed has not moved since it
    /// was read (checked first, on the database), or read from the store and kept once its page has been read whole.
    /// </summary>
    public async Task<FlowTemplatePage> SearchAsync(OrganizationId organizationId, FlowTemplateSearch search, int maxBytes, CancellationToken cancellationToken)
    {
        using var activity = StoreTelemetry.StartSqlite(Table, "search", organizationId);
        if (!searches.IsOn)
        {
            var (hits, page) = await ReadSearchAsync(organizationId, search, maxBytes, cancellationToken);
            return new FlowTemplatePage(hits, page.Select(ToDomain));
        }

        var key = new SqliteSearchCache.Key(organizationId.Value, search, maxBytes);
        var position = await connections.Reads.ReadAsync(
            SqliteFlowChangeFeed.PositionQuery,
            parameters => parameters.AddWithValue("@organization_id", organizationId.Value),
            async (reader, token) => await reader.ReadAsync(token) ? reader.GetInt64(0) : 0,
            cancellationToken);
        var kept = searches.TryGet(key, position, out var answered);
        activity?.SetTag("workflow_definitions.search.cached", kept);
        if (kept)
        {
            return new FlowTemplatePage(answered.Hits, answered.Flows.Select(flow => Listed.Found(flow.ToDomain(), flow.Id)).ToAsyncEnumerable());
        }

        var (matches, read) = await ReadSearchAsync(organizationId, search, maxBytes, cancellationToken);
        return new FlowTemplatePage(matches, KeepAsync(key, position, matches, read, cancellationToken));
    }

    /// <summary>The page's flows as they are read, kept for <paramref name="key"/> once all are: none listed unread, within what a kept search may cost.</summary>
    private async IAsyncEnumerable<Listed<FlowTemplate>> KeepAsync(
        SqliteSearchCache.Key key, long position, int hits, IAsyncEnumerable<Listed<FlowTemplateDocument>> page,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<FlowTemplateDocument>? flows = [];
        var held = key.Cost;
        await foreach (var item in page.WithCancellation(cancellationToken))
        {
            if (flows is not null && item.Value is { } flow && (held += SqliteSearchCache.CostOf(flow)) <= searches.MaxSearchBytes)
            {
                flows.Add(flow);
            }
            else
            {
                flows = null;
            }

            yield return ToDomain(item);
        }

        if (flows is not null)
        {
            searches.Keep(key, position, hits, [.. flows]);
        }
    }

    /// <summary>
    /// Counts the matches at once; the page is read when it is enumerated, over a connection of its own. A name term the
    /// trigram index serves is first looked up there: when it offers fewer than <see cref="SqliteFlowNameIndex.MaxCandidates"/>
    /// of the organization's names, they are the search — its cost follows the matches, not the organization's size —
    /// and the same pass gives the count and the page's ids, whose documents are then read by key; when it offers more,
    /// the term is common and the organization's names are scanned in the page's order instead, which finds a page of a
    /// common term at once.
    /// </summary>
    private async Task<(int Hits, IAsyncEnumerable<Listed<FlowTemplateDocument>> Page)> ReadSearchAsync(
        OrganizationId organizationId, FlowTemplateSearch search, int maxBytes, CancellationToken cancellationToken)
    {
        if (SqliteFlowNameIndex.Serves(FoldedTerm(search)))
        {
            await using var candidates = CandidatesCommand(organizationId, search);
            var (offered, matches, ids) = await connections.Reads.ReadAsync(
                candidates,
                async (reader, token) =>
                {
                    await reader.ReadAsync(token);
                    return (reader.GetInt32(0), reader.GetInt32(1), reader.GetString(2));
                },
                cancellationToken);
            if (offered < SqliteFlowNameIndex.MaxCandidates)
            {
                return (matches, HasPage(search, matches)
                    ? ReadDocumentsByIdsAsync(organizationId, Page(ids, search), maxBytes, cancellationToken)
                    : AsyncEnumerable.Empty<Listed<FlowTemplateDocument>>());
            }
        }

        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var count = CountCommand(connection, organizationId, search);
        var hits = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        return (hits, HasPage(search, hits) ? PageAsync(organizationId, search, maxBytes, cancellationToken) : AsyncEnumerable.Empty<Listed<FlowTemplateDocument>>());
    }

    private static bool HasPage(FlowTemplateSearch search, int hits) => hits > search.From && search.Size > 0;

    /// <summary>The ids of the search's page: the slice of <paramref name="matches"/> (a JSON array of every match's id, in order) its <c>from</c> and <c>size</c> select.</summary>
    private static string[] Page(string matches, FlowTemplateSearch search) =>
        [.. JsonSerializer.Deserialize<string[]>(matches)!.Skip(search.From).Take(search.Size)];

    public async Task AddAsync(FlowTemplate flow, WorkflowSlot slot, RevisionRecord revision, CancellationToken cancellationToken)
    {
        using var activity = StoreTelemetry.StartSqlite(Table, "insert", flow.OrganizationId);
        var document = flow.ToDocument();
        await SqliteWorkflowRegistry.StoreInSlotAsync(
            connections, slot, flow.OrganizationId, flow.Id.Value, WorkflowKinds.Flow,
            async writer =>
            {
                var insert = writer.Command(Insert);
                Bind(insert, document);
                await insert.ExecuteNonQueryAsync(CancellationToken.None);
                await WriteTriggersAsync(writer, document, CancellationToken.None);
                await RecordAsync(writer, flow, revision, FlowChangeType.Created, CancellationToken.None);
            },
            cancellationToken);
        signals.Notify(flow.OrganizationId);
    }

    public async Task UpdateAsync(FlowTemplate flow, RevisionRecord revision, CancellationToken cancellationToken)
    {
        using var activity = StoreTelemetry.StartSqlite(Table, "update", flow.OrganizationId);
        var document = flow.ToDocument();
        var updated = await connections.Writes.RunAsync(
            async writer =>
            {
                var update = writer.Command(Update);
                Bind(update, document);
                update.Parameters.AddWithValue("@stored_revision", StoredRevisions.Of(flow.StoredRevision));
                if (await update.ExecuteNonQueryAsync(CancellationToken.None) == 0)
                {
                    return false;
                }

                await WriteTriggersAsync(writer, document, CancellationToken.None);
                await RecordAsync(writer, flow, revision, FlowChangeTypeNames.Of(revision.Source, created: false), CancellationToken.None);
                return true;
            },
            cancellationToken);
        if (!updated)
        {
            throw await MissedWrite.ExplainAsync(this, flow, cancellationToken);
        }

        signals.Notify(flow.OrganizationId);
    }

    public async Task<bool> DeleteAsync(OrganizationId organizationId, FlowTemplateId id, long? revision, CancellationToken cancellationToken)
    {
        using var activity = StoreTelemetry.StartSqlite(Table, "delete", organizationId);
        var deleted = await connections.Writes.RunAsync(
            async writer =>
            {
                if (!await StoredRevisions.DeleteSqliteRowAsync(writer.Command(DeleteRow), organizationId.Value, id.Value, revision))
                {
                    return false;
                }

                await ClearTriggersAsync(writer, organizationId.Value, id.Value, CancellationToken.None);
                await SqliteWorkflowRegistry.FreeAsync(writer, organizationId, id.Value, WorkflowKinds.Flow, CancellationToken.None);
                await SqliteHistory.DeleteRevisionsAsync(writer, organizationId, WorkflowKinds.Flow, id.Value, CancellationToken.None);
                await SqliteHistory.RecordChangeAsync(
                    writer, organizationId, FlowChangeType.Deleted, id.Value, revision: null, clock.GetUtcNow(), CancellationToken.None);
                return true;
            },
            cancellationToken);
        if (deleted)
        {
            signals.Notify(organizationId);
        }

        return deleted;
    }

    private async IAsyncEnumerable<Listed<FlowTemplateDocument>> PageAsync(
        OrganizationId organizationId, FlowTemplateSearch search, int maxBytes, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var activity = StoreTelemetry.StartSqlite(Table, "search page", organizationId);
        List<string> ids;
        await using (var connection = await connections.OpenAsync(cancellationToken))
        {
            ids = await SqliteRowsByIds.IdsAsync(PageCommand(connection, organizationId, search), cancellationToken);
        }

        await foreach (var flow in ReadDocumentsByIdsAsync(organizationId, ids, maxBytes, cancellationToken))
        {
            yield return flow;
        }
    }

    /// <summary>
    /// The flows of <paramref name="ids"/>, in their order, a batch at a time (see <see cref="SqliteRowsByIds"/>); a flow
    /// larger than <paramref name="maxBytes"/> is listed unread, a flow deleted since is left out.
    /// </summary>
    private IAsyncEnumerable<Listed<FlowTemplate>> ReadByIdsAsync(
        OrganizationId organizationId, IReadOnlyList<string> ids, int maxBytes, CancellationToken cancellationToken) =>
        ReadDocumentsByIdsAsync(organizationId, ids, maxBytes, cancellationToken).Select(ToDomain);

    private static Listed<FlowTemplate> ToDomain(Listed<FlowTemplateDocument> flow) => flow.Select(document => document.ToDomain());

    private IAsyncEnumerable<Listed<FlowTemplateDocument>> ReadDocumentsByIdsAsync(
        OrganizationId organizationId, IReadOnlyList<string> ids, int maxBytes, CancellationToken cancellationToken) =>
        SqliteRowsByIds.ReadAsync(connections.Reads, ByIds, organizationId, ids, maxBytes, Read, cancellationToken);

    /// <summary>
    /// The command that reads, in one pass over the names the trigram index offers for the search's term (at most
    /// <see cref="SqliteFlowNameIndex.MaxCandidates"/>, all of the organization's: its range of keys), how many it
    /// offered, how many match the whole search, and the ids of those matches in the page's order (a JSON array; the page
    /// is a slice of it). A candidate's key row holds every field the search filters and orders on, so no flow is read,
    /// and the pass feeds aggregates only: nothing is copied into a temporary table. The command has no connection: its
    /// text and parameters run on a kept read session.
    /// </summary>
    public static SqliteCommand CandidatesCommand(OrganizationId organizationId, FlowTemplateSearch search)
    {
        var command = new SqliteCommand();
        var where = Filter(command, organizationId, search);
        command.Parameters.AddWithValue(SqliteFlowNameIndex.MatchParameter, SqliteFlowNameIndex.Phrase(FoldedTerm(search)));
        command.CommandText = $"""
            SELECT count(*), coalesce(sum(hit), 0), json_group_array(id ORDER BY {PageOrder(search, "at", "id")}) FILTER (WHERE hit)
            FROM (SELECT f.id AS id, {SortColumn(search)} AS at, ({where}) AS hit FROM {SqliteFlowNameIndex.Matches}
                  WHERE {SqliteFlowNameIndex.MatchCondition} LIMIT {SqliteFlowNameIndex.MaxCandidates})
            """;
        return command;
    }

    /// <summary>The command reading the ids of the organization's flows whose triggers match <paramref name="criteria"/>, most recently updated first.</summary>
    public static SqliteCommand ListCommand(SqliteConnection connection, OrganizationId organizationId, TriggerCriteria criteria)
    {
        var command = connection.CreateCommand();
        var where = new StringBuilder("f.organization_id = @organization_id");
        AddTriggerCriteria(command, where, criteria);
        command.CommandText = $"SELECT f.id FROM {Table} f WHERE {where} ORDER BY f.updated_at DESC, f.id ASC";
        command.Parameters.AddWithValue("@organization_id", organizationId.Value);
        return command;
    }

    /// <summary>The command counting a search's matches by scanning the organization's names (the index's count is <see cref="CandidatesCommand"/>'s).</summary>
    public static SqliteCommand CountCommand(SqliteConnection connection, OrganizationId organizationId, FlowTemplateSearch search)
    {
        var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {Table} f WHERE {Filter(command, organizationId, search)}";
        return command;
    }

    /// <summary>
    /// The command reading the ids of a search's page: the matches are sorted and paged by their keys alone (sorting whole
    /// rows would copy every match's document into the sorter); the documents are read by key afterwards.
    /// </summary>
    public static SqliteCommand PageCommand(SqliteConnection connection, OrganizationId organizationId, FlowTemplateSearch search)
    {
        var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT f.id FROM {Table} f WHERE {Filter(command, organizationId, search)}
            ORDER BY {PageOrder(search, SortColumn(search), "f.id")} LIMIT @size OFFSET @from
            """;
        command.Parameters.AddWithValue("@size", search.Size);
        command.Parameters.AddWithValue("@from", search.From);
        return command;
    }

    private static string FoldedTerm(FlowTemplateSearch search) =>
        string.IsNullOrEmpty(search.NameContains) ? string.Empty : FlowTemplateDocumentMapper.FoldName(search.NameContains);

    private static string SortColumn(FlowTemplateSearch search) => search.SortBy == FlowTemplateSortField.CreatedAt ? "f.created_at" : "f.updated_at";

    /// <summary>The search's order (contract §5.2): its timestamp in its direction, then the id ascending.</summary>
    private static string PageOrder(FlowTemplateSearch search, string at, string id) => $"{at} {(search.Descending ? "DESC" : "ASC")}, {id} ASC";

    /// <summary>
    /// The conditions of a search (contract §5.2) on its flows <c>f</c>, their parameters bound to <paramref name="command"/>;
    /// <c>instr</c> decides every name match, whether the names come from the trigram index or a scan.
    /// </summary>
    private static string Filter(SqliteCommand command, OrganizationId organizationId, FlowTemplateSearch search)
    {
        var where = new StringBuilder("f.organization_id = @organization_id");
        command.Parameters.AddWithValue("@organization_id", organizationId.Value);
        if (!string.IsNullOrEmpty(search.NameContains))
        {
            where.Append(" AND instr(f.name_folded, @name) > 0");
            command.Parameters.AddWithValue("@name", FoldedTerm(search));
        }

        if (search.DefinitionId is not null)
        {
            where.Append(" AND f.id = @definition_id");
            command.Parameters.AddWithValue("@definition_id", search.DefinitionId);
        }

        if (search.Enabled is { } enabled)
        {
            where.Append(" AND f.enabled = @enabled");
            command.Parameters.AddWithValue("@enabled", enabled);
        }

        AddTriggerCriteria(command, where, search.Triggers);
        return where.ToString();
    }

    /// <summary>One trigger of the flow must match every set criterion (contract D45): an EXISTS over its trigger rows.</summary>
    private static void AddTriggerCriteria(SqliteCommand command, StringBuilder where, TriggerCriteria criteria)
    {
        if (criteria.IsEmpty)
        {
            return;
        }

        where.Append(" AND EXISTS (SELECT 1 FROM flow_template_triggers t WHERE t.organization_id = f.organization_id AND t.flow_id = f.id");
        void Criterion(string? value, string condition, string parameter)
        {
            if (value is not null)
            {
                where.Append(" AND ").Append(condition);
                command.Parameters.AddWithValue(parameter, value);
            }
        }

        Criterion(criteria.Type, "t.type = @trigger_type", "@trigger_type");
        Criterion(criteria.AutomationId, "t.automation_id = @trigger_automation_id", "@trigger_automation_id");
        Criterion(criteria.JourneyId, "t.journey_id = @trigger_journey_id", "@trigger_journey_id");
        Criterion(criteria.AutomationOrJourneyId, "(t.automation_id = @trigger_source_id OR t.journey_id = @trigger_source_id)", "@trigger_source_id");
        Criterion(criteria.EntitySchema, "t.entity_schema = @trigger_schema", "@trigger_schema");
        where.Append(')');
    }

    private static async Task ClearTriggersAsync(SqliteWriter writer, string organizationId, string flowId, CancellationToken cancellationToken)
    {
        var clear = writer.Command(ClearTriggers);
        clear.Parameters.AddWithValue("@organization_id", organizationId);
        clear.Parameters.AddWithValue("@id", flowId);
        await clear.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task WriteTriggersAsync(SqliteWriter writer, FlowTemplateDocument document, CancellationToken cancellationToken)
    {
        await ClearTriggersAsync(writer, document.OrganizationId, document.Id, cancellationToken);
        for (var position = 0; position < document.Triggers.Count; position++)
        {
            var trigger = document.Triggers[position];
            var insert = writer.Command(InsertTrigger);
            insert.Parameters.AddWithValue("@organization_id", document.OrganizationId);
            insert.Parameters.AddWithValue("@id", document.Id);
            insert.Parameters.AddWithValue("@position", position);
            insert.Parameters.AddWithValue("@type", (object?)trigger.Type ?? DBNull.Value);
            insert.Parameters.AddWithValue("@automation_id", (object?)trigger.AutomationId ?? DBNull.Value);
            insert.Parameters.AddWithValue("@journey_id", (object?)trigger.JourneyId ?? DBNull.Value);
            insert.Parameters.AddWithValue("@entity_schema", (object?)trigger.EntitySchema ?? DBNull.Value);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private async Task RecordAsync(SqliteWriter writer, FlowTemplate flow, RevisionRecord revision, FlowChangeType change, CancellationToken cancellationToken)
    {
        var number = await SqliteHistory.RecordRevisionAsync(
            writer, flow.OrganizationId, WorkflowKinds.Flow, flow.Id.Value, revision, revisions.MaxPerWorkflow, cancellationToken);
        await SqliteHistory.RecordChangeAsync(writer, flow.OrganizationId, change, flow.Id.Value, number, revision.CreatedAt, cancellationToken);
    }

    private static void Bind(SqliteCommand command, FlowTemplateDocument document)
    {
        command.Parameters.AddWithValue("@organization_id", document.OrganizationId);
        command.Parameters.AddWithValue("@id", document.Id);
        command.Parameters.AddWithValue("@name", document.Name);
        command.Parameters.AddWithValue("@name_folded", document.NameFolded);
        command.Parameters.AddWithValue("@enabled", document.Enabled);
        command.Parameters.AddWithValue("@created_at", Timestamps.Format(document.CreatedAt));
        command.Parameters.AddWithValue("@updated_at", Timestamps.Format(document.UpdatedAt));
        command.Parameters.AddWithValue("@revision", document.Revision);
        command.Parameters.AddWithValue("@document", document.Document.Utf8);
    }

    private static FlowTemplateDocument Read(SqliteDataReader reader) => new()
    {
        OrganizationId = reader.GetString(0),
        Id = reader.GetString(1),
        Name = reader.GetString(2),
        NameFolded = reader.GetString(3),
        Enabled = reader.GetBoolean(4),
        CreatedAt = Timestamps.Parse(reader.GetString(5)),
        UpdatedAt = Timestamps.Parse(reader.GetString(6)),
        Revision = reader.GetInt64(7),
        Triggers = [],
        Document = new JsonText(reader.GetFieldValue<byte[]>(DocumentColumn)),
    };
}
