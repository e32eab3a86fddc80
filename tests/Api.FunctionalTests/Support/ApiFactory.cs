using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace WorkflowDefinitions.Api.FunctionalTests.Support;

/// <summary>
/// The real service in memory, on a SQLite file of its own, trusting <see cref="TestTokens.SigningKey"/>.
/// Extra settings and service replacements can be given per factory.
/// </summary>
public sealed class ApiFactory(
    IReadOnlyDictionary<string, string?>? settings = null,
    Action<IServiceCollection>? configureServices = null,
    string? databasePath = null) : WebApplicationFactory<Program>
{
    private readonly string _directory = Directory.CreateTempSubdirectory("wd-api-").FullName;

    public string DatabasePath => databasePath ?? Path.Combine(_directory, "api.db");

    public HttpClient CreateClientFor(string organizationId) => CreateClientWithToken(TestTokens.ForOrganization(organizationId));

    public HttpClient CreateClientWithToken(string? token)
    {
        var client = CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Auth:SigningKey", TestTokens.SigningKey);
        builder.UseSetting("Storage:Sqlite:Path", DatabasePath);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        if (configureServices is not null)
        {
            builder.ConfigureTestServices(configureServices);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(_directory))
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(_directory, recursive: true);
        }
    }
}
