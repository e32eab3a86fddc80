using Microsoft.Extensions.Options;

namespace WorkflowDefinitions.Infrastructure.Persistence;

/// <summary>Refuses to start with a store configuration that could only fail later.</summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (!Enum.IsDefined(options.Provider))
        {
            return ValidateOptionsResult.Fail("Storage__Provider must be 'Sqlite' or 'Mongo'.");
        }

        if (options.Provider == StorageProvider.Sqlite && string.IsNullOrWhiteSpace(options.Sqlite.Path))
        {
            return ValidateOptionsResult.Fail("Storage__Sqlite__Path must not be empty.");
        }

        if (options.Provider == StorageProvider.Sqlite && options.Sqlite.SearchCacheMiB is < 0 or > SqliteStorageOptions.MaxSearchCacheMiB)
        {
            return ValidateOptionsResult.Fail($"Storage__Sqlite__SearchCacheMiB must be between 0 and {SqliteStorageOptions.MaxSearchCacheMiB}.");
        }

        if (options.Provider == StorageProvider.Mongo)
        {
            if (string.IsNullOrWhiteSpace(options.Mongo.ConnectionString))
            {
                return ValidateOptionsResult.Fail(
                    "Storage__Mongo__ConnectionString is required when Storage__Provider is 'Mongo'.");
            }

            if (string.IsNullOrWhiteSpace(options.Mongo.Database))
            {
                return ValidateOptionsResult.Fail("Storage__Mongo__Database must not be empty.");
            }

            if (options.Mongo is { ServerSelectionTimeoutSeconds: < 1 } or { ConnectTimeoutSeconds: < 1 } or { PingTimeoutSeconds: < 1 }
                or { TransactionRetrySeconds: < 0 })
            {
                return ValidateOptionsResult.Fail(
                    "Storage__Mongo__ServerSelectionTimeoutSeconds, __ConnectTimeoutSeconds and __PingTimeoutSeconds must be at least 1, __TransactionRetrySeconds at least 0.");
            }

            if (Mongo.MongoDurability.Contradiction(options.Mongo.ConnectionString) is { } contradiction)
            {
                return ValidateOptionsResult.Fail(contradiction);
            }
        }

        return ValidateOptionsResult.Success;
    }
}
