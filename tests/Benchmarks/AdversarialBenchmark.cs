using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using WorkflowDefinitions.TestSupport;

namespace WorkflowDefinitions.Benchmarks;

/// <summary>
/// What a hostile request costs the built service (a separate process on SQLite): every <see cref="AdversarialBodies"/>
/// case at 1×, 2× and 4× its base size (growth per doubling; goal ≤ 2.5, i.e. at most n log n) and as a 6 MiB body (goal
/// ≤ 1 s), each timed after the case has run long enough for the runtime to compile its code fully (its first, cold
/// request is printed beside), then the peak memory of three floods on a fresh process each: 100 parallel 5 MiB bodies and
/// 10 parallel 6 MiB bodies of nested arrays just below the token cap (goal ≤ 400 MB peak RSS each), 150 slow
/// connections each declaring 6 MB and trickling (goal ≤ 120 MB RSS growth), 100 slow readers of a stored 6 MiB flow and
/// 100 slow readers of a list of three, and 20 diffs and restores at once of token-dense revisions (goal ≤ 400 MB peak
/// RSS each).
/// </summary>
public static class AdversarialBenchmark
{
    private const int Repetitions = 3;

    /// <summary>
    /// How long a case's 1× body is sent before it is timed. Tiered compilation first runs new code unoptimized, and
    /// replaces a method only once it has been called 30 times after 100 ms without new code being compiled: until then a
    /// case's first requests run two to four times slower, and a 4× body timed among them showed a growth of 2.9 for
    /// linear work (hostile-echo-tasks, 25 / 46 / 86 ms once warm).
    /// </summary>
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(2);

    private const int WarmUpRequests = 40;
    private const int ParallelBodies = 100;
    private const int ParallelBodyBytes = 5 * 1024 * 1024;
    private const int DenseBodies = 10;
    private const int DenseOrganizations = 5;
    private const int SlowConnections = 150;
    private const int SlowDeclaredBytes = 6_000_000;
    private const int SlowReaders = 100;
    private const int ListedLargeFlows = 3;
    private const int SlowReadPieceBytes = 4096;
    private static readonly TimeSpan SlowReadPause = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan SlowReadTime = TimeSpan.FromSeconds(15);
    private const int HistoryRequests = 20;
    private const int HistoryOrganizations = 4;

    /// <summary>Zeros in the padding of the history flood's flow: a 2 MB array just below the token cap (1,000,000).</summary>
    private const int DenseHistoryValues = 990_000;

    public static async Task RunAsync(string[] arguments)
    {
        var options = AdversarialOptions.Parse(arguments);
        Console.WriteLine($"Service: {options.ServiceAssembly}");
        Console.WriteLine();
        if (options.Only is null or "cases")
        {
            await TimeCasesAsync(options);
        }

        if (options.Only is null or "memory" or "parallel")
        {
            await MeasureParallelBodiesAsync(options);
        }

        if (options.Only is null or "memory" or "dense")
        {
            await MeasureDenseBodiesAsync(options);
        }

        if (options.Only is null or "memory" or "slow")
        {
            await MeasureSlowConnectionsAsync(options);
        }

        if (options.Only is null or "memory" or "readers")
        {
            await MeasureSlowReadersAsync(options, storedFlows: 1, list: false);
        }

        if (options.Only is null or "memory" or "lists")
        {
            await MeasureSlowReadersAsync(options, storedFlows: ListedLargeFlows, list: true);
        }

        if (options.Only is null or "memory" or "history")
        {
            await MeasureHistoryFloodAsync(options);
        }
    }

    private static async Task TimeCasesAsync(AdversarialOptions options)
    {
        await using var service = await StartAsync(options);
        using var client = Client(service.BaseAddress, TimeSpan.FromSeconds(options.TimeoutSeconds));
        Console.WriteLine($"{"case",-20} {"status",6} {"1× KiB",8} {"cold ms",9} {"1× ms",9} {"2× ms",9} {"4× ms",9} {"growth",7} {"6 MiB ms",9}");
        foreach (var adversarial in AdversarialBodies.All.Where(c => options.Cases.Count == 0 || options.Cases.Contains(c.Name)))
        {
            var cold = await WarmUpAsync(client, adversarial);
            var times = new List<double>();
            int? status = null;
            foreach (var scale in new[] { 1, 2, 4 })
            {
                var (milliseconds, answered) = await TimeAsync(client, adversarial, adversarial.Body(scale));
                times.Add(milliseconds);
                status ??= answered;
            }

            var (sixMebibytes, sixStatus) = await TimeAsync(client, adversarial, adversarial.BuildAt(AdversarialBodies.SixMebibytes));
            var growth = Math.Sqrt(times[2] / times[0]);
            var statusText = status == adversarial.ExpectedStatus && sixStatus == adversarial.ExpectedStatus ? status.ToString() : $"{status}/{sixStatus}!";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{adversarial.Name,-20} {statusText,6} {Encoding.UTF8.GetByteCount(adversarial.Body(1)) / 1024,8} {cold,9:F1} {times[0],9:F1} {times[1],9:F1} {times[2],9:F1} {growth,7:F2} {sixMebibytes,9:F1}"));
        }

        Console.WriteLine();
    }

    /// <summary>
    /// Sends the case's 1× body for <see cref="WarmUp"/> and at least <see cref="WarmUpRequests"/> times (see there); the
    /// time of the first request, which ran the case's code cold.
    /// </summary>
    private static async Task<double> WarmUpAsync(HttpClient client, AdversarialCase adversarial)
    {
        var body = Encoding.UTF8.GetBytes(adversarial.Body(1));
        var started = Stopwatch.GetTimestamp();
        var cold = await SendAsync(client, adversarial, body);
        for (var sent = 1; sent < WarmUpRequests || Stopwatch.GetElapsedTime(started) < WarmUp; sent++)
        {
            await SendAsync(client, adversarial, body);
        }

        return cold;
    }

    /// <summary>Sends <paramref name="body"/> once; how long the answer took, in milliseconds.</summary>
    private static async Task<double> SendAsync(HttpClient client, AdversarialCase adversarial, byte[] body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(adversarial.Method), adversarial.Route) { Content = Json(body) };
        var sending = Stopwatch.GetTimestamp();
        using var response = await client.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        return Stopwatch.GetElapsedTime(sending).TotalMilliseconds;
    }

    /// <summary>The fastest of a few runs (the least disturbed by the machine), and the status it answered.</summary>
    private static async Task<(double Milliseconds, int Status)> TimeAsync(HttpClient client, AdversarialCase adversarial, string body)
    {
        var best = double.MaxValue;
        var status = 0;
        var bytes = Encoding.UTF8.GetBytes(body);
        for (var i = 0; i < Repetitions; i++)
        {
            using var request = new HttpRequestMessage(new HttpMethod(adversarial.Method), adversarial.Route) { Content = Json(bytes) };
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var response = await client.SendAsync(request);
                await response.Content.ReadAsByteArrayAsync();
                status = (int)response.StatusCode;
            }
            catch (TaskCanceledException)
            {
                status = 0;
            }
            catch (HttpRequestException)
            {
                status = -1;
            }

            best = Math.Min(best, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (status <= 0)
            {
                break;
            }
        }

        return (best, status);
    }

    /// <summary>100 valid 5 MiB creates at once against a fresh process; its peak resident memory (VmHWM).</summary>
    private static Task MeasureParallelBodiesAsync(AdversarialOptions options) =>
        MeasureFloodAsync(options, $"{ParallelBodies} parallel 5 MiB creates", ParallelBodies, organizations: 1,
            AdversarialBodies.PadTo(FlowSamples.Minimal.ReplaceLineEndings(" "), ParallelBodyBytes));

    /// <summary>
    /// 10 creates at once of the 6 MiB deep-nesting body, just below the token cap, from 5 organizations (so the process's
    /// body budget, not one organization's share, decides how many are read at once) against a fresh process: the
    /// parsed document's rows are 12 bytes per token, so these are the bodies that cost the most memory per byte.
    /// </summary>
    private static Task MeasureDenseBodiesAsync(AdversarialOptions options) =>
        MeasureFloodAsync(options, $"{DenseBodies} parallel 6 MiB deep-nesting creates ({DenseOrganizations} organizations)", DenseBodies, DenseOrganizations,
            AdversarialBodies.All.Single(c => c.Name == "deep-nesting").BuildAt(AdversarialBodies.SixMebibytes));

    private static async Task MeasureFloodAsync(AdversarialOptions options, string label, int count, int organizations, string json)
    {
        await using var service = await StartAsync(options);
        var clients = Enumerable.Range(0, organizations)
            .Select(o => Client(service.BaseAddress, TimeSpan.FromMinutes(5), count, organizations == 1 ? "adversarial-org" : $"adversarial-org-{o}"))
            .ToArray();
        var body = Encoding.UTF8.GetBytes(json);
        var (statuses, elapsed, before, after) = await BurstAsync(
            service, clients, count, i => clients[i % organizations].PostAsync("v2/flows/templates", Json(body)));

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label}: {Describe(statuses)} in {elapsed.TotalSeconds:F1} s; RSS before {before.ResidentMiB} MiB, peak {after.PeakMiB} MiB = {Megabytes(after.PeakMiB)} MB (goal ≤ 400 MB)"));
    }

    /// <summary>
    /// 150 connections that each declare a 6 MB body and send it at 1 KB/s for 20 s against a fresh process; the growth of
    /// its resident memory over that time.
    /// </summary>
    private static async Task MeasureSlowConnectionsAsync(AdversarialOptions options)
    {
        await using var service = await StartAsync(options);
        var before = Memory.Of(service.ProcessId);
        var token = HmacTokens.ForOrganization("adversarial-org");
        var header = Encoding.ASCII.GetBytes(
            $"POST /v2/flows/templates HTTP/1.1\r\nHost: {service.BaseAddress.Authority}\r\nAuthorization: Bearer {token}\r\n" +
            $"Content-Type: application/json\r\nContent-Length: {SlowDeclaredBytes}\r\n\r\n{{\"name\": \"slow\", \"pad\": \"");
        var sockets = new List<Socket>();
        var peak = before.ResidentMiB;
        var dropped = 0;
        try
        {
            for (var i = 0; i < SlowConnections; i++)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync(IPAddress.Loopback, service.BaseAddress.Port);
                await socket.SendAsync(header);
                sockets.Add(socket);
            }

            var chunk = Encoding.ASCII.GetBytes(new string('x', 250));
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (DateTime.UtcNow < deadline)
            {
                foreach (var socket in sockets)
                {
                    try
                    {
                        await socket.SendAsync(chunk);
                    }
                    catch (SocketException)
                    {
                        dropped++;
                    }
                }

                peak = Math.Max(peak, Memory.Of(service.ProcessId).ResidentMiB);
                await Task.Delay(250);
            }
        }
        finally
        {
            foreach (var socket in sockets)
            {
                socket.Dispose();
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{SlowConnections} slow 6 MB bodies at 1 KB/s for 20 s: RSS before {before.ResidentMiB} MiB, highest {peak} MiB, growth {peak - before.ResidentMiB} MiB = {Megabytes(peak - before.ResidentMiB)} MB (goal ≤ 120 MB); {dropped} sends refused"));
    }

    /// <summary>
    /// <see cref="SlowReaders"/> clients at once reading slowly (4 KiB every 20 ms, about 200 KB/s, for
    /// <see cref="SlowReadTime"/>), each a GET of one stored 6 MiB flow, or (<paramref name="list"/>) the list of an
    /// organization holding <paramref name="storedFlows"/> of them, against a fresh process: its peak resident memory. A
    /// slow reader is not refused (Kestrel's minimum rate is 240 bytes/s), so what the service holds while an answer is
    /// taken is the cost.
    /// </summary>
    private static async Task MeasureSlowReadersAsync(AdversarialOptions options, int storedFlows, bool list)
    {
        await using var service = await StartAsync(options);
        using var client = Client(service.BaseAddress, TimeSpan.FromMinutes(5), SlowReaders);
        var body = AdversarialBodies.PadTo(FlowSamples.Minimal.ReplaceLineEndings(" "), AdversarialBodies.SixMebibytes);
        var id = string.Empty;
        for (var i = 0; i < storedFlows; i++)
        {
            using var created = await client.PostAsync("v2/flows/templates", Json(Encoding.UTF8.GetBytes(body)));
            id = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
        }

        var before = Memory.Of(service.ProcessId);
        using var stop = new CancellationTokenSource(SlowReadTime);
        var path = list ? "v2/flows/templates" : $"v2/flows/templates/{id}";
        var read = await Task.WhenAll(Enumerable.Range(0, SlowReaders).Select(_ => ReadSlowlyAsync(client, path, stop.Token)));
        var after = Memory.Of(service.ProcessId);
        var what = list ? $"lists of {storedFlows} stored 6 MiB flows" : "GETs of a stored 6 MiB flow";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{SlowReaders} slow {what} at 200 KB/s for {SlowReadTime.TotalSeconds:F0} s: {Describe(read.Select(r => r.Status))} (0: still waiting), {read.Sum(r => r.Taken) / 1_000_000} MB taken; RSS before {before.ResidentMiB} MiB, peak {after.PeakMiB} MiB = {Megabytes(after.PeakMiB)} MB (goal ≤ 400 MB)"));
    }

    /// <summary>
    /// Revisions of the densest flow the token cap allows (an array of 990,000 zeros, 2 MB), in each of
    /// <see cref="HistoryOrganizations"/> organizations a flow with two such revisions (the second differs in one value):
    /// <see cref="HistoryRequests"/> requests at once, half diffs of the two revisions and half restores of the first,
    /// against a fresh process; its peak resident memory.
    /// </summary>
    private static async Task MeasureHistoryFloodAsync(AdversarialOptions options)
    {
        await using var service = await StartAsync(options);
        var clients = Enumerable.Range(0, HistoryOrganizations)
            .Select(o => Client(service.BaseAddress, TimeSpan.FromMinutes(5), HistoryRequests, $"adversarial-history-org-{o}"))
            .ToArray();
        var flows = new string[HistoryOrganizations];
        for (var o = 0; o < HistoryOrganizations; o++)
        {
            using var created = await clients[o].PostAsync("v2/flows/templates", Json(DenseHistoryBody(first: 0)));
            flows[o] = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
            using var updated = await clients[o].PutAsync($"v2/flows/templates/{flows[o]}", Json(DenseHistoryBody(first: 1)));
        }

        var (statuses, elapsed, before, after) = await BurstAsync(service, clients, HistoryRequests, i =>
        {
            var (client, flow) = (clients[i % HistoryOrganizations], flows[i % HistoryOrganizations]);
            return i % 2 == 0
                ? client.GetAsync($"v2/flows/templates/{flow}/diff?from=1&to=2")
                : client.PostAsync($"v2/flows/templates/{flow}/revisions/1/restore", null);
        });

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{HistoryRequests} diffs and restores at once of 2 MB revisions of {DenseHistoryValues:N0} values ({HistoryOrganizations} organizations): {Describe(statuses)} in {elapsed.TotalSeconds:F1} s; RSS before {before.ResidentMiB} MiB (peak {before.PeakMiB} MiB storing the flows), peak {after.PeakMiB} MiB = {Megabytes(after.PeakMiB)} MB (goal ≤ 400 MB)"));
    }

    /// <summary>
    /// Sends <paramref name="count"/> requests at once (<paramref name="send"/> sends the i-th), reads every answer whole,
    /// then disposes <paramref name="clients"/>: the statuses, the time they took, and the process's memory before and after.
    /// </summary>
    private static async Task<(int[] Statuses, TimeSpan Elapsed, Memory Before, Memory After)> BurstAsync(
        ServiceProcess service, HttpClient[] clients, int count, Func<int, Task<HttpResponseMessage>> send)
    {
        var before = Memory.Of(service.ProcessId);
        var started = Stopwatch.GetTimestamp();
        var statuses = await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            using var response = await send(i);
            await response.Content.ReadAsByteArrayAsync();
            return (int)response.StatusCode;
        }));
        var elapsed = Stopwatch.GetElapsedTime(started);
        var after = Memory.Of(service.ProcessId);
        foreach (var client in clients)
        {
            client.Dispose();
        }

        return (statuses, elapsed, before, after);
    }

    private static byte[] DenseHistoryBody(int first) =>
        Encoding.UTF8.GetBytes($"{{\"name\":\"Dense history\",\"tasks\":[],\"edges\":[],\"padding\":[{first}{string.Concat(Enumerable.Repeat(",0", DenseHistoryValues - 1))}]}}");

    private static async Task<(int Status, long Taken)> ReadSlowlyAsync(HttpClient client, string path, CancellationToken stop)
    {
        var buffer = new byte[SlowReadPieceBytes];
        var status = 0;
        long taken = 0;
        try
        {
            using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, stop);
            status = (int)response.StatusCode;
            await using var content = await response.Content.ReadAsStreamAsync(stop);
            int count;
            while ((count = await content.ReadAsync(buffer, stop)) > 0)
            {
                taken += count;
                await Task.Delay(SlowReadPause, stop);
            }
        }
        catch (OperationCanceledException)
        {
            // The reader's time is up.
        }

        return (status, taken);
    }

    private static string Describe(IEnumerable<int> statuses) =>
        string.Join(", ", statuses.GroupBy(s => s).OrderBy(g => g.Key).Select(g => $"{g.Count()}× {g.Key}"));

    private static Task<ServiceProcess> StartAsync(AdversarialOptions options) =>
        ServiceProcess.StartOnScratchDatabaseAsync(options.ServiceAssembly, new Dictionary<string, string>
        {
            ["Logging__LogLevel__Default"] = "Warning",
            ["WorkflowLimits__DefaultMaxAllowed"] = "1000000",
        });

    private static HttpClient Client(Uri baseAddress, TimeSpan timeout, int connections = 2, string organization = "adversarial-org")
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections }) { BaseAddress = baseAddress, Timeout = timeout };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", HmacTokens.ForOrganization(organization));
        return client;
    }

    /// <summary>The goals are in MB (10^6 bytes); /proc reports KiB.</summary>
    private static long Megabytes(long mebibytes) => mebibytes * 1024 * 1024 / 1_000_000;

    private static ByteArrayContent Json(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    /// <summary>Resident memory of a process now and at its peak (VmRSS, VmHWM of /proc/PID/status).</summary>
    private sealed record Memory(long ResidentMiB, long PeakMiB)
    {
        public static Memory Of(int processId)
        {
            var lines = File.ReadAllLines($"/proc/{processId}/status");
            long Read(string key) => long.Parse(lines.Single(l => l.StartsWith(key, StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
            return new Memory(Read("VmRSS:"), Read("VmHWM:"));
        }
    }

    private sealed record AdversarialOptions(string ServiceAssembly, int TimeoutSeconds, string? Only, IReadOnlyCollection<string> Cases)
    {
        public static AdversarialOptions Parse(string[] arguments)
        {
            string? Value(string name) => arguments.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
            return new AdversarialOptions(
                Path.GetFullPath(Value("--service") ?? typeof(AdversarialBenchmark).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                    .Single(a => a.Key == "ServiceAssembly").Value!),
                Value("--timeout") is { } timeout ? int.Parse(timeout, CultureInfo.InvariantCulture) : 120,
                Value("--only"),
                Value("--cases")?.Split(',') ?? []);
        }
    }
}
