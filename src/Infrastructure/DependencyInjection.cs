using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MongoDB.Driver;
using WorkflowDefinitions.Application.Automations;
using WorkflowDefinitions.Application.ClosingReasons;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.FlowTemplates;
using WorkflowDefinitions.Application.LegacyWorkflowDefinitions;
using WorkflowDefinitions.Application.Workflows;
using WorkflowDefinitions.Application.Workflows.History;
using WorkflowDefinitions.Infrastructure.Automations;
using WorkflowDefinitions.Infrastructure.Identifiers;
using WorkflowDefinitions.Infrastructure.Persistence;
using WorkflowDefinitions.Infrastructure.Persistence.Mongo;
using WorkflowDefinitions.Infrastructure.Persistence.Sqlite;

namespace WorkflowDefinitions.Infrastructure;

public static class DependencyInjection
{
    /// <summary>Registers the store chosen by <c>Storage:Provider</c> (SQLite by default) and the id generator.</summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddSingleton<IIdGenerator, RandomIdGenerator>();

        services.AddOptions<AutomationOptions>().Bind(configuration.GetSection(AutomationOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AutomationOptions>, AutomationOptionsValidator>();

        var provider = configuration[$"{StorageOptions.SectionName}:{nameof(StorageOptions.Provider)}"];
        var usesMongo = string.Equals(provider, nameof(StorageProvider.Mongo), StringComparison.OrdinalIgnoreCase);
        if (usesMongo)
        {
            AddMongo(services);
        }
        else
        {
            AddSqlite(services);
        }

        services.AddHostedService<RevisionBaseline>();
        services.AddHostedService<ChangeFeedRetention>();

        if (!string.IsNullOrWhiteSpace(configuration[$"{AutomationOptions.SectionName}:{nameof(AutomationOptions.BaseUrl)}"]))
        {
            AddAutomationApi(services);
        }
        else if (usesMongo)
        {
            services.AddScoped<IAutomationClient, MongoAutomationClient>();
        }
        else
        {
            services.AddScoped<IAutomationClient, SqliteAutomationClient>();
        }

        return services;
    }

    /// <summary>
    /// The Automation API client: reads are retried, writes are not (they are not idempotent); every call, retries and
    /// reading the answer included, is bounded by <c>Automation:TimeoutSeconds</c>, and answers by
    /// <c>Automation:MaxResponseBytes</c>. Each organization has resilience pipelines of its own, so one organization's
    /// failures cannot open the circuit for the others.
    /// </summary>
    private static void AddAutomationApi(IServiceCollection services)
    {
        services.AddHttpClient<IAutomationClient, HttpAutomationClient>((provider, client) =>
            {
                var options = provider.GetRequiredService<IOptions<AutomationOptions>>().Value;
                client.BaseAddress = new Uri(options.BaseUrl!.TrimEnd('/') + "/");
                client.Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds);
                client.MaxResponseContentBufferSize = options.MaxResponseBytes;
            })
            .AddStandardResilienceHandler()
            .SelectPipelineBy(_ => HttpAutomationClient.OrganizationOf)
            .Configure((resilience, provider) =>
            {
                var total = TimeSpan.FromSeconds(provider.GetRequiredService<IOptions<AutomationOptions>>().Value.TimeoutSeconds);
                resilience.Retry.DisableForUnsafeHttpMethods();
                resilience.TotalRequestTimeout.Timeout = total;
                resilience.AttemptTimeout.Timeout = total / 2;
                resilience.CircuitBreaker.SamplingDuration = total * 2;
            });
    }

    private static void AddSqlite(IServiceCollection services)
    {
        services.AddSingleton<SqliteWriterMetrics>();
        services.AddSingleton<SqliteConnectionFactory>();
        services.AddSingleton(provider =>
            SqliteSearchCache.From(provider.GetRequiredService<IOptions<StorageOptions>>(), provider.GetRequiredService<IMeterFactory>()));
        services.AddHostedService<SqliteSchemaInitializer>();
        services.AddHostedService<SqliteFlowNameIndexMerger>();
        services.AddHostedService<SqliteCheckpointer>();
        services.AddScoped<IClosingReasonRepository, SqliteClosingReasonRepository>();
        services.AddScoped<IFlowTemplateRepository, SqliteFlowTemplateRepository>();
        services.AddScoped<IWorkflowDefinitionRepository, SqliteWorkflowDefinitionRepository>();
        services.AddScoped<IWorkflowSlots, SqliteWorkflowSlots>();
        services.AddScoped<IWorkflowRevisions, SqliteWorkflowRevisions>();
        services.AddScoped<IFlowChangeFeed, SqliteFlowChangeFeed>();
        services.AddHealthChecks().AddCheck<SqliteHealthCheck>("sqlite", tags: [HealthCheckTags.Ready]);
    }

    private static void AddMongo(IServiceCollection services)
    {
        services.AddSingleton<IMongoClient>(provider => new MongoClient(MongoDurability.ClientSettings(
            provider.GetRequiredService<IOptions<StorageOptions>>().Value.Mongo, provider.GetService<ILoggerFactory>())));
        services.AddSingleton<MongoCollections>();
        services.AddHostedService<MongoIndexInitializer>();
        services.AddScoped<IClosingReasonRepository, MongoClosingReasonRepository>();
        services.AddScoped<IFlowTemplateRepository, MongoFlowTemplateRepository>();
        services.AddScoped<IWorkflowDefinitionRepository, MongoWorkflowDefinitionRepository>();
        services.AddScoped<IWorkflowSlots, MongoWorkflowSlots>();
        services.AddScoped<IWorkflowRevisions, MongoWorkflowRevisions>();
        services.AddScoped<IFlowChangeFeed, MongoFlowChangeFeed>();
        services.AddHealthChecks().AddCheck<MongoHealthCheck>("mongodb", tags: [HealthCheckTags.Ready]);
    }
}
