using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Data.Sqlite;
using WorkflowDefinitions.EndToEnd.Tests.Support;
using WorkflowDefinitions.TestSupport;

namespace WorkflowDefinitions.EndToEnd.Tests;

/// <summary>
/// Finding: bodies were buffered at their declared length, and slow clients could hold the service. Against the real
/// Kestrel process: a body that trickles below the minimum data rate, or headers that never end, lose their connection
/// after the configured grace instead of holding it (the benchmark measures the memory of 150 such connections).
/// </summary>
[NonParallelizable]
public class SlowClientTests
{
    private string _directory = null!;
    private ServiceProcess _service = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _directory = Directory.CreateTempSubdirectory("wd-e2e-slow-").FullName;
        _service = await ServiceProcess.StartAsync(TestEnvironment.ServiceAssembly, Path.Combine(_directory, "db.sqlite"), new Dictionary<string, string>
        {
            ["RequestLimits__MinBodyBytesPerSecond"] = "1000",
            ["RequestLimits__MinBodyRateGraceSeconds"] = "2",
            ["RequestLimits__HeadersTimeoutSeconds"] = "2",
        });
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _service.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Test]
    public async Task ABodyTricklingBelowTheMinimumRate_LosesItsConnection()
    {
        using var socket = await ConnectAsync();
        await socket.SendAsync(Encoding.ASCII.GetBytes(
            $"POST /v2/flows/templates HTTP/1.1\r\nHost: {_service.BaseAddress.Authority}\r\nAuthorization: Bearer {HmacTokens.ForOrganization("slow-org")}\r\n" +
            "Content-Type: application/json\r\nContent-Length: 6000000\r\n\r\n{\"name\": \"slow\", \"pad\": \""));
        var clock = Stopwatch.StartNew();

        var answer = await TrickleUntilClosedAsync(socket);

        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)), "dropped after the grace, not held");
        Assert.That(answer, Is.Empty.Or.StartWith("HTTP/1.1 408"), answer);
    }

    [Test]
    public async Task HeadersThatNeverEnd_LoseTheirConnection()
    {
        using var socket = await ConnectAsync();
        await socket.SendAsync(Encoding.ASCII.GetBytes($"GET /v1/workflows/limits/max-allowed HTTP/1.1\r\nHost: {_service.BaseAddress.Authority}\r\n"));
        var clock = Stopwatch.StartNew();

        var answer = await ReadUntilClosedAsync(socket, TimeSpan.FromSeconds(30));

        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)));
        Assert.That(answer, Is.Empty.Or.StartWith("HTTP/1.1 408"), answer);
    }

    private async Task<Socket> ConnectAsync()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, _service.BaseAddress.Port);
        return socket;
    }

    /// <summary>Sends one byte every 200 ms (5 B/s) until the service closes the connection; returns what it answered.</summary>
    private static async Task<string> TrickleUntilClosedAsync(Socket socket)
    {
        var answer = new StringBuilder();
        var buffer = new byte[4096];
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                await socket.SendAsync("x"u8.ToArray());
            }
            catch (SocketException)
            {
                break;
            }

            if (socket.Poll(200_000, SelectMode.SelectRead))
            {
                var read = socket.Receive(buffer);
                if (read == 0)
                {
                    break;
                }

                answer.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }
        }

        return answer.ToString();
    }

    private static async Task<string> ReadUntilClosedAsync(Socket socket, TimeSpan limit)
    {
        var answer = new StringBuilder();
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            int read;
            while ((read = await socket.ReceiveAsync(buffer, timeout.Token)) > 0)
            {
                answer.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }
        }
        catch (SocketException)
        {
            // Closed with a reset: also a lost connection.
        }

        return answer.ToString();
    }
}
