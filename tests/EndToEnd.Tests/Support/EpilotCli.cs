using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace WorkflowDefinitions.EndToEnd.Tests.Support;

/// <summary>
/// The official <c>@epilot/cli</c> (pinned in <c>cli/package.json</c>) run against the service, as its users run it:
/// <c>epilot workflow-definition &lt;operation&gt; -s &lt;server&gt; -t &lt;token&gt; --json -i ...</c>.
/// Without Node.js the tests are reported skipped with the reason; a missing install is done with <c>npm ci</c>.
/// </summary>
public sealed partial class EpilotCli
{
    private static readonly SemaphoreSlim InstallGate = new(1, 1);
    private readonly string _entryPoint;
    private readonly string _home;

    private EpilotCli(string entryPoint, string home)
    {
        _entryPoint = entryPoint;
        _home = home;
    }

    /// <summary>The installed CLI, run with <paramref name="home"/> as its home directory (its configuration); the caller owns it.</summary>
    public static async Task<EpilotCli> LocateOrIgnoreAsync(string home)
    {
        if (!await CommandSucceedsAsync("node", "--version") || !await CommandSucceedsAsync("npm", "--version"))
        {
            Assert.Ignore("End-to-end CLI tests skipped: node and npm are not installed on this machine.");
        }

        var directory = TestEnvironment.CliDirectory;
        var entryPoint = Path.Combine(directory, "node_modules", "@epilot", "cli", "dist", "bin", "epilot.js");
        await InstallGate.WaitAsync();
        try
        {
            if (!File.Exists(entryPoint))
            {
                var (exitCode, output) = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], directory, TimeSpan.FromMinutes(5));
                Assert.That(exitCode, Is.Zero, $"npm ci in {directory} failed:\n{output}");
            }
        }
        finally
        {
            InstallGate.Release();
        }

        return new EpilotCli(entryPoint, home);
    }

    /// <summary>Runs <c>epilot workflow-definition</c> with the arguments, optionally piping <paramref name="standardInput"/>.</summary>
    public async Task<CliResult> RunAsync(Uri server, string token, IEnumerable<string> arguments, string? standardInput = null)
    {
        var startInfo = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(_entryPoint);
        startInfo.ArgumentList.Add("workflow-definition");
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.ArgumentList.Add("-s");
        startInfo.ArgumentList.Add(server.ToString().TrimEnd('/'));
        startInfo.ArgumentList.Add("-t");
        startInfo.ArgumentList.Add(token);
        startInfo.ArgumentList.Add("--json");
        startInfo.ArgumentList.Add("-i");
        startInfo.Environment["HOME"] = _home;
        startInfo.Environment["XDG_CONFIG_HOME"] = Path.Combine(_home, ".config");
        startInfo.Environment["NO_COLOR"] = "1";

        using var process = Process.Start(startInfo)!;
        var standardOutput = process.StandardOutput.ReadToEndAsync();
        var standardError = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput);
        }

        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return CliResult.Parse(process.ExitCode, await standardOutput, await standardError);
    }

    private static async Task<bool> CommandSucceedsAsync(string command, string argument)
    {
        try
        {
            return (await RunAsync(command, [argument], Directory.GetCurrentDirectory(), TimeSpan.FromSeconds(30))).ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(
        string command, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout)
    {
        var startInfo = new ProcessStartInfo(command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancellation = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancellation.Token);
        return (process.ExitCode, await output + await error);
    }

    [GeneratedRegex(@"\x1B\[[0-9;]*m")]
    private static partial Regex AnsiEscape();

    /// <summary>What one CLI call printed: the HTTP status (from <c>-i</c>), the headers and the body.</summary>
    public sealed record CliResult(int ExitCode, int StatusCode, JsonObject Headers, string Body, string StandardError)
    {
        public JsonNode Json => JsonNode.Parse(Body) ?? throw new AssertionException($"Body is not JSON: {Body}");

        public static CliResult Parse(int exitCode, string standardOutput, string standardError)
        {
            var error = AnsiEscape().Replace(standardError, string.Empty);
            var metaStart = error.IndexOf("RESPONSE META:", StringComparison.Ordinal);
            if (metaStart < 0)
            {
                throw new AssertionException($"The CLI printed no response (exit {exitCode}):\n{error}\n{standardOutput}");
            }

            var metaJson = error[(metaStart + "RESPONSE META:".Length)..];
            var meta = JsonNode.Parse(metaJson[..(metaJson.LastIndexOf('}') + 1)])!;
            return new CliResult(
                exitCode,
                meta["code"]!.GetValue<int>(),
                meta["headers"]?.AsObject() ?? [],
                standardOutput.Trim(),
                error);
        }
    }
}
