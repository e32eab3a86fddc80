using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using WorkflowDefinitions.TestSupport;

namespace WorkflowDefinitions.Benchmarks;

/// <summary>
/// Throughput and latency of the running service on SQLite with many flows in one organization: it starts the built
/// service as a process (or uses <c>--url</c> with <c>--token</c>), creates the flows (create figures), then reads them
/// by id, searches them by name, renames them (each rename a new revision) and reads the change feed for a fixed time
/// each. Target: search p99 at most 10 ms with 10,000 flows. <c>--service</c> measures another build of the service.
/// </summary>
public static class LoadBenchmark
{
    private static readonly string[] Words =
    [
        "onboarding", "offer", "installation", "contract", "renewal", "complaint", "meter", "billing", "solar", "heat pump",
        "charging", "grid", "move in", "move out", "payment", "dunning", "service", "maintenance", "quote", "survey",
    ];

    public static async Task RunAsync(string[] arguments)
    {
        var options = LoadOptions.Parse(arguments);
        var directory = Directory.CreateTempSubdirectory("wd-load-").FullName;
        ServiceProcess? service = null;
        try
        {
            Uri baseAddress;
            string token;
            if (options.Url is { } url)
            {
                baseAddress = url;
                token = options.Token ?? throw new ArgumentException("--url needs --token");
            }
            else
            {
                service = await ServiceProcess.StartAsync(options.Service ?? DefaultServiceAssembly, Path.Combine(directory, "load.db"),
                    new Dictionary<string, string> { ["Logging__LogLevel__Default"] = "Warning", ["WorkflowLimits__DefaultMaxAllowed"] = "1000000" });
                baseAddress = service.BaseAddress;
                token = HmacTokens.ForOrganization("load-org");
            }

            using var client = CreateClient(baseAddress, token, options.Concurrency);
            Console.WriteLine($"Service: {baseAddress} | flows: {options.Flows} | concurrency: {options.Concurrency} | {options.Seconds} s per read phase");
            Console.WriteLine();

            var ids = new string[options.Flows];
            var created = 0;
            var create = await MeasureAsync("create (10-task flow)", options.Concurrency, () => Interlocked.Increment(ref created) <= options.Flows, async position =>
            {
                var body = FlowGenerator.Create(10, $"Flow {position} {Words[position % Words.Length]}").ToJsonString();
                using var response = await client.PostAsync("v2/flows/templates", new StringContent(body, Encoding.UTF8, "application/json"));
                var json = await Ensure(response, 201);
                ids[position] = json["id"]!.GetValue<string>();
            });

            var deadline = DateTime.UtcNow.AddSeconds(options.Seconds);
            var get = await MeasureAsync("get by id", options.Concurrency, () => DateTime.UtcNow < deadline, async _ =>
            {
                using var response = await client.GetAsync($"v2/flows/templates/{ids[Random.Shared.Next(ids.Length)]}");
                await Ensure(response, 200);
            });

            deadline = DateTime.UtcNow.AddSeconds(options.Seconds);
            var search = await MeasureAsync("search by name (25 per page)", options.Concurrency, () => DateTime.UtcNow < deadline, async _ =>
            {
                var body = $$"""{"name": "{{Words[Random.Shared.Next(Words.Length)]}}", "size": 25}""";
                using var response = await client.PostAsync("v2/flows/templates:search", new StringContent(body, Encoding.UTF8, "application/json"));
                await Ensure(response, 200);
            });

            deadline = DateTime.UtcNow.AddSeconds(options.Seconds);
            var update = await MeasureAsync("update (rename, new revision)", options.Concurrency, () => DateTime.UtcNow < deadline, async position =>
            {
                var id = ids[Random.Shared.Next(ids.Length)];
                var body = FlowGenerator.Create(10, $"Flow {position} renamed {Words[position % Words.Length]}").ToJsonString();
                using var response = await client.PutAsync($"v2/flows/templates/{id}", new StringContent(body, Encoding.UTF8, "application/json"));
                await Ensure(response, 200);
            });

            var results = new List<LoadResult> { create, get, search, update };
            if (await FirstChangeAsync(client) is { } first)
            {
                deadline = DateTime.UtcNow.AddSeconds(options.Seconds);
                var span = Math.Max(1, options.Flows - 100);
                results.Add(await MeasureAsync("feed (100 changes per page)", options.Concurrency, () => DateTime.UtcNow < deadline, async _ =>
                {
                    var after = first - 1 + Random.Shared.Next(span);
                    using var response = await client.GetAsync($"v2/flows/templates:changes?after={after}&limit=100");
                    await Ensure(response, 200);
                }));
            }
            else
            {
                Console.WriteLine("This build has no change feed: its phase is left out.");
            }

            Console.WriteLine($"{"operation",-30} {"requests",9} {"req/s",9} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"max ms",8}");
            foreach (var result in results)
            {
                Console.WriteLine(result);
            }

            if (service is not null)
            {
                using var process = Process.GetProcessById(service.ProcessId);
                Console.WriteLine();
                Console.WriteLine($"Service working set after the run: {process.WorkingSet64 / (1024 * 1024)} MiB");
            }
        }
        finally
        {
            if (service is not null)
            {
                await service.DisposeAsync();
            }

            Directory.Delete(directory, recursive: true);
        }
    }

    private static string DefaultServiceAssembly => Path.GetFullPath(typeof(LoadBenchmark).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ServiceAssembly").Value!);

    /// <summary>The cursor of the organization's oldest change; null when the service has no change feed (an older build).</summary>
    private static async Task<long?> FirstChangeAsync(HttpClient client)
    {
        using var response = await client.GetAsync("v2/flows/templates:changes?limit=1");
        if ((int)response.StatusCode == 404)
        {
            return null;
        }

        var page = await Ensure(response, 200);
        return long.Parse(page["changes"]![0]!["cursor"]!.GetValue<string>(), CultureInfo.InvariantCulture);
    }

    private static HttpClient CreateClient(Uri baseAddress, string token, int concurrency)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = baseAddress,
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<JsonNode> Ensure(HttpResponseMessage response, int status)
    {
        var text = await response.Content.ReadAsStringAsync();
        return (int)response.StatusCode == status
            ? JsonNode.Parse(text)!
            : throw new InvalidOperationException($"Expected {status}, got {(int)response.StatusCode}: {text}");
    }

    /// <summary>Runs <paramref name="request"/> from <paramref name="workers"/> concurrent loops while <paramref name="more"/> holds.</summary>
    private static async Task<LoadResult> MeasureAsync(string name, int workers, Func<bool> more, Func<int, Task> request)
    {
        var latencies = new List<double>[workers];
        var counter = 0;
        var total = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async worker =>
        {
            latencies[worker] = [];
            while (more())
            {
                var started = Stopwatch.GetTimestamp();
                await request(Interlocked.Increment(ref counter) - 1);
                latencies[worker].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }));
        total.Stop();
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new LoadResult(name, all.Length, all.Length / total.Elapsed.TotalSeconds, Percentile(all, 50), Percentile(all, 95), Percentile(all, 99), all.LastOrDefault());
    }

    private static double Percentile(double[] sorted, double percentile) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(percentile / 100 * sorted.Length) - 1)];

    private sealed record LoadResult(string Name, int Requests, double PerSecond, double P50, double P95, double P99, double Max)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{Name,-30} {Requests,9} {PerSecond,9:F0} {P50,8:F2} {P95,8:F2} {P99,8:F2} {Max,8:F2}");
    }

    private sealed record LoadOptions(int Flows, int Concurrency, int Seconds, Uri? Url, string? Token, string? Service)
    {
        public static LoadOptions Parse(string[] arguments)
        {
            string? Value(string name) => arguments.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
            int Number(string name, int fallback) => Value(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
            return new LoadOptions(
                Number("--flows", 10_000),
                Number("--concurrency", 8),
                Number("--seconds", 15),
                Value("--url") is { } url ? new Uri(url.TrimEnd('/') + "/") : null,
                Value("--token"),
                Value("--service") is { } service ? Path.GetFullPath(service) : null);
        }
    }
}
