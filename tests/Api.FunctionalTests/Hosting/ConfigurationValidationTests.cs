using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using WorkflowDefinitions.Api.Auth;
using WorkflowDefinitions.Infrastructure.Persistence;

namespace WorkflowDefinitions.Api.FunctionalTests.Hosting;

/// <summary>The start-up checks of the configuration (the process-level behaviour is tested end to end).</summary>
public class ConfigurationValidationTests
{
    [Test]
    public void Auth_OutsideDevelopment_WithoutKeyOrAuthority_Fails()
    {
        var (setup, options) = Auth("Production", signingKey: null);

        setup.PostConfigure(null, options);

        Assert.That(setup.Validate(null, options).FailureMessage, Does.StartWith("Auth__SigningKey or Auth__Authority must be set"));
    }

    [Test]
    public void Auth_InDevelopment_WithoutKeyOrAuthority_UsesTheDevelopmentKey()
    {
        var (setup, options) = Auth(Environments.Development, signingKey: null);

        setup.PostConfigure(null, options);

        Assert.Multiple(() =>
        {
            Assert.That(options.SigningKey, Is.EqualTo(DevelopmentSigningKey.Value));
            Assert.That(setup.Validate(null, options).Succeeded, Is.True);
        });
    }

    [Test]
    public void Auth_InDevelopment_WithAnAuthority_DoesNotAddTheDevelopmentKey()
    {
        var (setup, options) = Auth(Environments.Development, signingKey: null);
        options.Authority = "https://login.example.com/realm";

        setup.PostConfigure(null, options);

        Assert.That(options.SigningKey, Is.Null);
    }

    [TestCase("short-key", false)]
    [TestCase("exactly-thirty-two-bytes-long-k!", true)]
    public void Auth_SigningKey_NeedsAtLeast32Bytes(string key, bool valid)
    {
        var (setup, options) = Auth("Production", key);

        Assert.That(setup.Validate(null, options).Succeeded, Is.EqualTo(valid));
    }

    [Test]
    public void Auth_AuthorityMustBeAnAbsoluteUrl()
    {
        var (setup, options) = Auth("Production", signingKey: null);
        options.Authority = "not a url";

        Assert.That(setup.Validate(null, options).FailureMessage, Is.EqualTo("Auth__Authority must be an absolute URL."));
    }

    [Test]
    public void Storage_Mongo_WithoutConnectionString_Fails()
    {
        var options = new StorageOptions { Provider = StorageProvider.Mongo };

        var result = new StorageOptionsValidator().Validate(null, options);

        Assert.That(result.FailureMessage, Is.EqualTo("Storage__Mongo__ConnectionString is required when Storage__Provider is 'Mongo'."));
    }

    [Test]
    public void Storage_Defaults_AreValid()
    {
        var options = new StorageOptions();

        Assert.Multiple(() =>
        {
            Assert.That(new StorageOptionsValidator().Validate(null, options).Succeeded, Is.True);
            Assert.That(options.Sqlite.Path, Is.EqualTo("data/workflow-definitions.db"));
            Assert.That(options.Mongo.Database, Is.EqualTo("workflow_definitions"));
            Assert.That(options.Sqlite.SearchCacheMiB, Is.EqualTo(8));
        });
    }

    [TestCase(-1, false)]
    [TestCase(0, true)]
    [TestCase(4096, true)]
    [TestCase(4097, false)]
    public void Storage_Sqlite_SearchCacheMiB_IsBetween0And4096(int mebibytes, bool valid)
    {
        var options = new StorageOptions { Sqlite = { SearchCacheMiB = mebibytes } };

        var result = new StorageOptionsValidator().Validate(null, options);

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.EqualTo(valid));
            Assert.That(result.FailureMessage, valid ? Is.Null : Is.EqualTo("Storage__Sqlite__SearchCacheMiB must be between 0 and 4096."));
        });
    }

    private static (AuthOptionsSetup Setup, AuthOptions Options) Auth(string environment, string? signingKey) =>
        (new AuthOptionsSetup(new HostingEnvironment { EnvironmentName = environment }), new AuthOptions { SigningKey = signingKey });
}
