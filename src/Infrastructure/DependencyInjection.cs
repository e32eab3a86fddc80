using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MongoDB.Driver;
using WorkflowDefinitions.Application.ClosingReasons;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.FlowTemplates;
using WorkflowDefinitions.Application.Workflows;
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

        var provider = configuration[$"{StorageOptions.SectionName}:{nameof(StorageOptions.Provider)}"];
        if (string.Equals(provider, nameof(StorageProvider.Mongo), StringComparison.OrdinalIgnoreCase))
        {
            AddMongo(services);
        }
        else
        {
            AddSqlite(services);
        }

        return services;
    }

    private static void AddSqlite(IServiceCollection services)
    {
        services.AddSingleton<SqliteConnectionFactory>();
        services.AddHostedService<SqliteSchemaInitializer>();
        services.AddScoped<IClosingReasonRepository, SqliteClosingReasonRepository>();
        services.AddScoped<IFlowTemplateRepository, SqliteFlowTemplateRepository>();
        services.AddScoped<IWorkflowSlots, SqliteWorkflowSlots>();
        services.AddHealthChecks().AddCheck<SqliteHealthCheck>("sqlite", tags: [HealthCheckTags.Ready]);
    }

    private static void AddMongo(IServiceCollection services)
    {
        services.AddSingleton<IMongoClient>(provider =>
            new MongoClient(provider.GetRequiredService<IOptions<StorageOptions>>().Value.Mongo.ConnectionString));
        services.AddSingleton<MongoCollections>();
        services.AddHostedService<MongoIndexInitializer>();
        services.AddScoped<IClosingReasonRepository, MongoClosingReasonRepository>();
        services.AddScoped<IFlowTemplateRepository, MongoFlowTemplateRepository>();
        services.AddScoped<IWorkflowSlots, MongoWorkflowSlots>();
        services.AddHealthChecks().AddCheck<MongoHealthCheck>("mongodb", tags: [HealthCheckTags.Ready]);
    }
}
