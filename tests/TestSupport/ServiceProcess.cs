using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace WorkflowDefinitions.TestSupport;

/// <summary>The built service, started as its own process on a free loopback port with a SQLite file of its own.</summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private string? _scratchDirectory;

    private ServiceProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts <paramref name="serviceAssembly"/> in Production, trusting <see cref="HmacTokens.SigningKey"/>, and waits until it is ready.</summary>
    public static async Task<ServiceProcess> StartAsync(string serviceAssembly, string databasePath, IReadOnlyDictionary<string, string>? environment = null)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}");
        var process = Start(serviceAssembly, new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = baseAddress.ToString(),
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Auth__SigningKey"] = HmacTokens.SigningKey,
            ["Storage__Sqlite__Path"] = databasePath,
        }.Concat(environment ?? new Dictionary<string, string>()).ToDictionary(p => p.Key, p => p.Value));
        var service = new ServiceProcess(process, baseAddress);
        process.OutputDataReceived += (_, e) => service.Append(e.Data);
        process.ErrorDataReceived += (_, e) => service.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await service.WaitUntilReadyAsync();
        return service;
    }

    /// <summary>
    /// Starts the service as <see cref="StartAsync"/> does, on a database in a temporary directory of its own that is
    /// deleted when the service is disposed.
    /// </summary>
    public static async Task<ServiceProcess> StartOnScratchDatabaseAsync(string serviceAssembly, IReadOnlyDictionary<string, string>? environment = null)
    {
        var directory = Directory.CreateTempSubdirectory("wd-scratch-").FullName;
        try
        {
            var service = await StartAsync(serviceAssembly, Path.Combine(directory, "service.db"), environment);
            service._scratchDirectory = directory;
            return service;
        }
        catch
        {
            Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    /// <summary>Runs the service with the given settings and returns how it exited (for start-up failures).</summary>
    public static async Task<(int ExitCode, string StandardError)> RunToExitAsync(string serviceAssembly, IReadOnlyDictionary<string, string> environment)
    {
        using var process = Start(serviceAssembly, environment);
        var standardError = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await standardError);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        if (_scratchDirectory is not null)
        {
            Directory.Delete(_scratchDirectory, recursive: true);
        }
    }

    /// <summary>A client of the service for <paramref name="organization"/> (a token signed with <see cref="HmacTokens.SigningKey"/>).</summary>
    public HttpClient ClientFor(string organization, TimeSpan timeout)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = timeout };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", HmacTokens.ForOrganization(organization));
        return client;
    }

    /// <summary>The process id, to signal or measure it.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Kills the service at once, as a crash or <c>kill -9</c> would: SIGKILL, no shutdown, nothing flushed.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    /// <summary>Asks the service to stop, as Kubernetes does: SIGTERM.</summary>
    public async Task SendTerminateSignalAsync()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -TERM {_process.Id} failed with exit code {kill.ExitCode}.");
        }
    }

    /// <summary>Waits for the process to exit on its own; returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancellation.Token);
        return _process.ExitCode;
    }

    private static Process Start(string serviceAssembly, IReadOnlyDictionary<string, string> environment)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { serviceAssembly },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var (key, value) in environment)
        {
            startInfo.Environment[key] = value;
        }

        return Process.Start(startInfo) ?? throw new InvalidOperationException("The service process did not start.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The service exited with code {_process.ExitCode}:\n{Output}");
            }

            try
            {
                if ((await client.GetAsync("/health/ready")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Not answering yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The service did not become ready within 60 s:\n{Output}");
    }
}
