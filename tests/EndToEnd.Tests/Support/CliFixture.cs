using Microsoft.Data.Sqlite;
using WorkflowDefinitions.TestSupport;

namespace WorkflowDefinitions.EndToEnd.Tests.Support;

/// <summary>
/// The service started once per fixture as its own process on a SQLite file of its own, and the real
/// <c>@epilot/cli</c> to call it; every test runs as a fresh organization.
/// </summary>
[NonParallelizable]
public abstract class CliFixture
{
    private string _directory = null!;
    private ServiceProcess _service = null!;
    private EpilotCli _cli = null!;
    private string _token = null!;

    [OneTimeSetUp]
    public async Task StartServiceAsync()
    {
        _directory = Directory.CreateTempSubdirectory("wd-e2e-cli-").FullName;
        _cli = await EpilotCli.LocateOrIgnoreAsync(Directory.CreateDirectory(Path.Combine(_directory, "home")).FullName);
        _service = await ServiceProcess.StartAsync(TestEnvironment.ServiceAssembly, Path.Combine(_directory, "e2e.db"));
    }

    [OneTimeTearDown]
    public async Task StopServiceAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }

        if (_directory is not null)
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(_directory, recursive: true);
        }
    }

    [SetUp]
    public void UseAFreshOrganization() => _token = HmacTokens.ForOrganization(Guid.NewGuid().ToString("N"));

    /// <summary><c>epilot workflow-definition &lt;arguments&gt;</c> as this test's organization.</summary>
    protected Task<EpilotCli.CliResult> Run(params string[] arguments) => _cli.RunAsync(_service.BaseAddress, _token, arguments);

    /// <summary>The same, with <paramref name="input"/> piped to the CLI's standard input.</summary>
    protected Task<EpilotCli.CliResult> RunWithInput(string input, params string[] arguments) =>
        _cli.RunAsync(_service.BaseAddress, _token, arguments, input);

    /// <summary>The same, with another bearer token (another organization, or an invalid one).</summary>
    protected Task<EpilotCli.CliResult> RunAs(string token, string? input, params string[] arguments) =>
        _cli.RunAsync(_service.BaseAddress, token, arguments, input);
}
