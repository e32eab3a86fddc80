using System.Diagnostics;
using System.Globalization;

namespace WorkflowDefinitions.Benchmarks;

/// <summary>
/// Runs wrk (a native load generator, Debian's <c>wrk</c> package) with one thread and a Lua script, and reads the figures
/// the script's <c>done</c> callback prints. Requests answered with a status of 400 or more fail the run unless the
/// phase expects them; requests that take longer than the timeout count as errors, never as fast answers.
/// </summary>
internal static class Wrk
{
    private const string Done = """

        done = function(summary, latency, requests)
          local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
          io.write(string.format("WRK %d %d %d %d %d %d %d\n", summary.requests, summary.duration, summary.errors.status,
            errors, latency:percentile(50), latency:percentile(99), latency.max))
        end
        """;

    /// <summary>Throws with the command that installs wrk when it is missing.</summary>
    public static void EnsureInstalled()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("wrk", "--version") { RedirectStandardOutput = true, RedirectStandardError = true })!;
            process.WaitForExit();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException("wrk is not installed: apt-get install wrk (Debian's package), then run the benchmark again.");
        }
    }

    public static string Version()
    {
        using var process = Process.Start(new ProcessStartInfo("wrk", "--version") { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var text = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return text.Split('\n')[0].Trim();
    }

    /// <summary>Runs <paramref name="script"/> against <paramref name="target"/> for <paramref name="seconds"/>.</summary>
    public static async Task<WrkResult> RunAsync(string name, Uri target, string script, int connections, int seconds, bool errorsExpected = false)
    {
        var path = Path.Combine(Path.GetTempPath(), $"wd-wrk-{Guid.NewGuid():N}.lua");
        await File.WriteAllTextAsync(path, script + Done);
        try
        {
            var startInfo = new ProcessStartInfo("wrk")
            {
                ArgumentList = { "-t1", $"-c{connections}", $"-d{seconds}s", "--timeout", "30s", "-s", path, target.GetLeftPart(UriPartial.Authority) },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(startInfo)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            var line = (await output).Split('\n').FirstOrDefault(l => l.StartsWith("WRK ", StringComparison.Ordinal))
                ?? throw new InvalidOperationException($"wrk printed no figures for {name}: {await output}{await error}");
            var numbers = line[4..].Split(' ').Select(n => long.Parse(n, CultureInfo.InvariantCulture)).ToArray();
            var result = new WrkResult(name, connections, numbers[0], numbers[1] / 1e6, numbers[2], numbers[3], numbers[4] / 1e3, numbers[5] / 1e3, numbers[6] / 1e3);
            if (!errorsExpected && (result.StatusErrors > 0 || result.SocketErrors > 0))
            {
                throw new InvalidOperationException($"{name}: {result.StatusErrors} answers with status ≥ 400 and {result.SocketErrors} socket errors or timeouts in {result.Requests} requests.");
            }

            return result;
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A Lua string literal holding <paramref name="text"/> as it is.</summary>
    public static string Literal(string text) => "[==[" + text + "]==]";
}

internal sealed record WrkResult(
    string Name, int Connections, long Requests, double Seconds, long StatusErrors, long SocketErrors, double P50, double P99, double Max)
{
    public double PerSecond => Requests / Seconds;
}
