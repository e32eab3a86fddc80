using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json.Nodes;
using WorkflowDefinitions.TestSupport;

namespace WorkflowDefinitions.Benchmarks;

/// <summary>
/// The service next to this machine's limit, measured in one run: it starts the built service on SQLite (its own
/// <c>appsettings.json</c> in force) and, beside it, a bare Kestrel endpoint returning one GET's bytes from memory, and loads
/// both alternately with wrk (one thread) at 16 and 64 connections, after an unmeasured warm-up of each operation. Rows:
/// GET by random id, create, PUT with the current <c>updated_at</c>, name search at growing organization sizes (100 hits, page 25) and
/// again while one connection renames other flows of its organization, the list of 1,000 flows, a mixed
/// scenario (70 % reads, 20 % writes, 10 % searches over 32 connections) and the service's peak RSS. Throughput rows are
/// printed with their ratio to the bare endpoint under wrk's cheapest request (one static GET without a token) and, in the
/// note, to the bare endpoint under the operation's own requests, sent just before. <c>--service</c> measures another build.
/// </summary>
public static class LoadBenchmark
{
    private const string Needle = "needle";
    private const int Hits = 100;
    private const int PutPool = 1000;
    /// <summary>How long each operation runs unmeasured first: long enough for its code to be compiled optimized under load (about 15-20 s).</summary>
    private const int WarmUpSeconds = 20;

    /// <summary>How long a search runs unmeasured on each organization just before it is measured there (its pages cached).</summary>
    private const int CacheWarmUpSeconds = 5;

    private static readonly string[] Words =
    [
        "onboarding", "offer", "installation", "contract", "renewal", "complaint", "meter", "billing", "solar", "heat pump",
        "charging", "grid", "move in", "move out", "payment", "dunning", "service", "maintenance", "quote", "survey",
    ];

    public static async Task RunAsync(string[] arguments)
    {
        var options = LoadOptions.Parse(arguments);
        Wrk.EnsureInstalled();
        var directory = Directory.CreateTempSubdirectory("wd-load-").FullName;
        var serviceAssembly = options.Service ?? DefaultServiceAssembly;
        try
        {
            await using var service = await ServiceProcess.StartAsync(serviceAssembly, Path.Combine(directory, "load.db"),
                new Dictionary<string, string> { ["WorkflowLimits__DefaultMaxAllowed"] = "10000000" });
            Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {CpuModel()}, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, {Wrk.Version()}");
            Console.WriteLine($"Service: {serviceAssembly} on SQLite ({directory}); wrk -t1, {options.Seconds} s per phase, mixed {options.MixedSeconds} s");
            Console.WriteLine();

            var seeded = Stopwatch.StartNew();
            var flows = await SeedAsync(service, "load-get", options.Flows, i => $"Flow {i} {Words[i % Words.Length]}");
            await SeedAsync(service, "load-list", 1000, i => $"Listed {i} {Words[i % Words.Length]}");
            var searched = new Dictionary<int, (string Id, string UpdatedAt)[]>();
            foreach (var size in options.SearchSizes)
            {
                searched[size] = await SeedAsync(service, SearchOrganization(size), size,
                    i => IsHit(i, size) ? $"Flow {i} {Needle} {Words[i % Words.Length]}" : $"Flow {i} {Words[i % Words.Length]}");
            }

            Console.WriteLine($"Seeded {options.Flows + 1000 + options.SearchSizes.Sum():N0} flows in {seeded.Elapsed.TotalSeconds:F0} s.");

            var getToken = HmacTokens.ForOrganization("load-get");
            var sample = await SampleGetAsync(service, "load-get", flows[0].Id);
            await using var bare = await BareEndpoint.StartAsync(sample.Body, sample.ContentType);
            var target = service.BaseAddress;
            var ids = flows.Select(f => f.Id).ToArray();
            var pools = new Queue<(string Id, string UpdatedAt)[]>(flows.Chunk(PutPool).Take(4));
            var createBody = FlowGenerator.Create(10, "Created under load").ToJsonString();
            var listToken = HmacTokens.ForOrganization("load-list");

            // Every operation's code runs first in its cheapest, least optimized form, and is compiled again, optimized
            // for what it meets, once it has run often enough; and the first read of a flow fills the caches later reads
            // use (SQLite's pages, the flow's limit warnings). Measured at once, the first phase of each operation would
            // measure that too: after a fresh start, GET served about 3,500 req/s in its first 10 s against 15,000+, and
            // search 1,000-1,100 in its first 10 s, 1,400-1,700 up to 17 s and 2,000-2,500 after (1 s runs on two
            // cores). Search is also run on each organization just before it is measured, so every size is measured
            // with its own pages cached.
            foreach (var (name, script) in new[]
            {
                ("GET", Scripts.GetRandom(getToken, ids)),
                ("PUT", Scripts.Put(getToken, pools.Dequeue())),
                ("list", Scripts.Get("/v2/flows/templates", listToken)),
                ("search", Scripts.Search(HmacTokens.ForOrganization(SearchOrganization(options.SearchSizes[0])))),
            })
            {
                await Wrk.RunAsync($"warm-up: {name}", target, script, 16, WarmUpSeconds);
            }

            Console.WriteLine($"Warmed up (GET, PUT, list and search {WarmUpSeconds} s each, search again {CacheWarmUpSeconds} s before each size; creates were warmed by the seeding); not measured.");

            // Each operation's requests (method, path, token, body, and wrk's script work per request) also go to the bare
            // endpoint, just before the service gets them: the ratio to that run leaves out what the load generator
            // spends on this shape of request on the same two cores.
            async Task<(WrkResult Result, WrkResult BareSame)> RunBesideBareAsync(string name, string script, int connections)
            {
                var bareSame = await Wrk.RunAsync($"bare Kestrel, requests of: {name}", bare.Url, script, connections, options.Seconds);
                return (await Wrk.RunAsync(name, target, script, connections, options.Seconds), bareSame);
            }

            var table = new ResultTable();
            foreach (var connections in new[] { 16, 64 })
            {
                var bareBefore = await Wrk.RunAsync("bare Kestrel GET (same bytes)", bare.Url, Scripts.Get("/", token: null), connections, options.Seconds);
                var get = await RunBesideBareAsync("GET flow by id (random ids)", Scripts.GetRandom(getToken, ids), connections);
                var create = await RunBesideBareAsync("create (10-task flow)", Scripts.Create(HmacTokens.ForOrganization("load-create"), createBody), connections);
                var put = await RunBesideBareAsync("PUT with current updated_at", Scripts.Put(getToken, pools.Dequeue()), connections);
                var bareAfter = await Wrk.RunAsync("bare Kestrel GET (same bytes)", bare.Url, Scripts.Get("/", token: null), connections, options.Seconds);
                var reference = (bareBefore.PerSecond + bareAfter.PerSecond) / 2;
                table.Add(bareBefore with { Requests = bareBefore.Requests + bareAfter.Requests, Seconds = bareBefore.Seconds + bareAfter.Seconds }, reference);
                foreach (var (result, bareSame) in new[] { get, create, put })
                {
                    table.Add(result, reference, note: string.Create(CultureInfo.InvariantCulture,
                        $"{result.PerSecond / bareSame.PerSecond:F3} of bare under the same requests ({bareSame.PerSecond:F0} req/s)"));
                }
            }

            WrkResult? smallest = null;
            foreach (var size in options.SearchSizes)
            {
                var script = Scripts.Search(HmacTokens.ForOrganization(SearchOrganization(size)));
                await Wrk.RunAsync($"warm-up: search, {size:N0} flows", target, script, 16, CacheWarmUpSeconds);
                var search = await Wrk.RunAsync($"search name, {size:N0} flows, {Hits} hits", target, script, 16, options.Seconds);
                smallest ??= search;
                table.Add(search, note: $"p50 ×{search.P50 / smallest.P50:F2} of {options.SearchSizes[0]:N0}");
            }

            // A search is answered again while its organization's flows are unchanged; here one connection renames other
            // flows of the organization beside the searches, and each rename moves its feed, so the next search is read.
            var writtenSize = options.SearchSizes.First(s => s >= 10_000 || s == options.SearchSizes[^1]);
            var writtenToken = HmacTokens.ForOrganization(SearchOrganization(writtenSize));
            var renamedPool = searched[writtenSize].Where((_, i) => !IsHit(i, writtenSize)).Take(PutPool).ToArray();
            var whileWritten = await Task.WhenAll(
                Wrk.RunAsync($"search name, {writtenSize:N0} flows, while renamed", target, Scripts.Search(writtenToken), 16, options.Seconds),
                Wrk.RunAsync("renames beside it (1 connection)", target, Scripts.Put(writtenToken, renamedPool), 1, options.Seconds));
            table.Add(whileWritten[0], note: string.Create(CultureInfo.InvariantCulture,
                $"{whileWritten[1].PerSecond:F0} renames/s of the organization's other flows beside it"));

            table.Add(await Wrk.RunAsync("list 1,000 flows", target, Scripts.Get("/v2/flows/templates", listToken), 1, options.Seconds));
            table.Add(await Wrk.RunAsync("list 1,000 flows", target, Scripts.Get("/v2/flows/templates", listToken), 16, options.Seconds));

            var mixedSearchToken = HmacTokens.ForOrganization(SearchOrganization(options.SearchSizes.First(s => s >= 10_000 || s == options.SearchSizes[^1])));
            var mixed = await Task.WhenAll(
                Wrk.RunAsync("mixed: reads (GET, 70 %)", target, Scripts.GetRandom(getToken, ids), 22, options.MixedSeconds),
                Wrk.RunAsync("mixed: writes (PUT, 20 %)", target, Scripts.Put(getToken, pools.Dequeue()), 7, options.MixedSeconds),
                Wrk.RunAsync("mixed: search (10 %)", target, Scripts.Search(mixedSearchToken), 3, options.MixedSeconds));
            var mixedTotal = mixed.Sum(m => m.Requests);
            foreach (var part in mixed)
            {
                table.Add(part, note: $"{100.0 * part.Requests / mixedTotal:F0} % of requests");
            }

            table.Print();
            Console.WriteLine();
            Console.WriteLine($"Service peak RSS (VmHWM) over the run: {PeakRssMiB(service.ProcessId)} MiB");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string SearchOrganization(int size) => $"load-search-{size}";

    /// <summary>Whether the <paramref name="i"/>th flow of a search organization of <paramref name="size"/> flows is named with the needle.</summary>
    private static bool IsHit(int i, int size) => i % (size / Hits) == 0;

    private static string DefaultServiceAssembly => Path.GetFullPath(typeof(LoadBenchmark).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ServiceAssembly").Value!);

    /// <summary>Creates <paramref name="count"/> flows of 10 tasks in <paramref name="organization"/>; returns their ids and <c>updated_at</c>.</summary>
    private static async Task<(string Id, string UpdatedAt)[]> SeedAsync(ServiceProcess service, string organization, int count, Func<int, string> name)
    {
        using var client = service.ClientFor(organization, TimeSpan.FromMinutes(2));
        var flows = new (string, string)[count];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
        {
            int position;
            while ((position = Interlocked.Increment(ref next)) < count)
            {
                var body = FlowGenerator.Create(10, name(position)).ToJsonString();
                using var response = await client.PostAsync("v2/flows/templates", new StringContent(body, Encoding.UTF8, "application/json"));
                var text = await response.Content.ReadAsStringAsync();
                if ((int)response.StatusCode != 201)
                {
                    throw new InvalidOperationException($"Seeding {organization}: expected 201, got {(int)response.StatusCode}: {text}");
                }

                var json = JsonNode.Parse(text)!;
                flows[position] = (json["id"]!.GetValue<string>(), json["updated_at"]!.GetValue<string>());
            }
        }));
        return flows;
    }

    private static async Task<(byte[] Body, string ContentType)> SampleGetAsync(ServiceProcess service, string organization, string id)
    {
        using var client = service.ClientFor(organization, TimeSpan.FromMinutes(2));
        using var response = await client.GetAsync($"v2/flows/templates/{id}");
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadAsByteArrayAsync(), response.Content.Headers.ContentType!.ToString());
    }

    private static string CpuModel() =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU"
            : "unknown CPU";

    private static long PeakRssMiB(int processId)
    {
        var line = File.ReadLines($"/proc/{processId}/status").Single(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    /// <summary>The wrk scripts of the phases.</summary>
    private static class Scripts
    {
        public static string Get(string path, string? token) => $"""
            {Headers(token)}
            wrk.method = "GET"
            wrk.path = {Wrk.Literal(path)}
            """;

        public static string GetRandom(string token, IReadOnlyList<string> ids) => $$"""
            {{Headers(token)}}
            local ids = { {{string.Join(",", ids.Select(id => Wrk.Literal(id)))}} }
            math.randomseed(7)
            request = function()
              return wrk.format("GET", "/v2/flows/templates/" .. ids[math.random(#ids)])
            end
            """;

        public static string Create(string token, string body) => $"""
            {Headers(token)}
            wrk.method = "POST"
            wrk.path = "/v2/flows/templates"
            wrk.body = {Wrk.Literal(body)}
            """;

        public static string Search(string token) => $$"""
            {{Headers(token)}}
            wrk.method = "POST"
            wrk.path = "/v2/flows/templates:search"
            wrk.body = {{Wrk.Literal($$"""{"name":"{{Needle}}","size":25}""")}}
            """;

        /// <summary>
        /// Renames flows of <paramref name="pool"/> in turn, each PUT carrying the <c>updated_at</c> the previous answer for
        /// that flow gave: the pool is far larger than the connections, so no two requests race for one flow.
        /// </summary>
        public static string Put(string token, IReadOnlyList<(string Id, string UpdatedAt)> pool)
        {
            var body = FlowGenerator.Create(10, "Renamed under load");
            body["updated_at"] = "STAMP";
            var parts = body.ToJsonString().Split("\"STAMP\"");
            return $$"""
                {{Headers(token)}}
                local ids = { {{string.Join(",", pool.Select(f => Wrk.Literal(f.Id)))}} }
                local stamps = { {{string.Join(",", pool.Select(f => $"[ {Wrk.Literal(f.Id)} ] = {Wrk.Literal(f.UpdatedAt)}"))}} }
                local before = {{Wrk.Literal(parts[0])}}
                local after = {{Wrk.Literal(parts[1])}}
                local turn = 0
                request = function()
                  turn = turn + 1
                  local id = ids[(turn % #ids) + 1]
                  return wrk.format("PUT", "/v2/flows/templates/" .. id, nil, before .. '"' .. stamps[id] .. '"' .. after)
                end
                response = function(status, headers, body)
                  local id = string.match(body, '"id":"([^"]+)"')
                  local stamp = string.match(body, '"updated_at":"([^"]+)"')
                  if status == 200 and id and stamp then stamps[id] = stamp end
                end
                """;
        }

        private static string Headers(string? token) =>
            (token is null ? "" : $"wrk.headers[\"Authorization\"] = {Wrk.Literal("Bearer " + token)}\n") + "wrk.headers[\"Content-Type\"] = \"application/json\"";
    }

    private sealed class ResultTable
    {
        private readonly List<(WrkResult Result, double? Reference, string? Note)> _rows = [];

        public void Add(WrkResult result, double? reference = null, string? note = null) => _rows.Add((result, reference, note));

        public void Print()
        {
            Console.WriteLine($"{"operation",-36} {"conns",5} {"requests",9} {"req/s",9} {"p50 ms",8} {"p99 ms",8} {"max ms",8}  ratio to bare / note");
            foreach (var (result, reference, note) in _rows)
            {
                var ratio = reference is { } bare ? (result.PerSecond / bare).ToString("F3", CultureInfo.InvariantCulture) : "";
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{result.Name,-36} {result.Connections,5} {result.Requests,9} {result.PerSecond,9:F0} {result.P50,8:F2} {result.P99,8:F2} {result.Max,8:F2}  {ratio}{(ratio.Length > 0 && note is not null ? "; " : "")}{note}"));
            }
        }
    }

    private sealed record LoadOptions(int Flows, int Seconds, int MixedSeconds, int[] SearchSizes, string? Service)
    {
        public static LoadOptions Parse(string[] arguments)
        {
            string? Value(string name) => arguments.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
            int Number(string name, int fallback) => Value(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
            var options = new LoadOptions(
                Number("--flows", 10_000),
                Number("--seconds", 10),
                Number("--mixed-seconds", 60),
                (Value("--search-sizes") ?? "1000,10000,100000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).Order().ToArray(),
                Value("--service") is { } service ? Path.GetFullPath(service) : null);
            if (options.Flows < 4 * PutPool)
            {
                throw new ArgumentException($"--flows must be at least {4 * PutPool}: the warm-up and three PUT phases each rename a pool of {PutPool} flows of their own.");
            }

            if (options.SearchSizes.Any(size => size < Hits || size % Hits != 0))
            {
                throw new ArgumentException($"--search-sizes must be multiples of {Hits} (each organization holds {Hits} hits).");
            }

            return options;
        }
    }
}
