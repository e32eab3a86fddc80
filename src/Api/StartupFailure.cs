using Microsoft.Extensions.Options;

namespace WorkflowDefinitions.Api;

/// <summary>Turns a failed start (bad configuration, unreachable store) into the one line an operator needs.</summary>
public static class StartupFailure
{
    public static string Describe(Exception exception) => exception switch
    {
        OptionsValidationException validation => $"Invalid configuration: {string.Join(" ", validation.Failures)}",
        InvalidOperationException binding
            when binding.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) =>
            $"Invalid configuration: {binding.Message}",
        Infrastructure.Persistence.Mongo.MongoStartupException store => $"Start-up failed: {store.Message}",
        _ => $"Start-up failed: {exception.GetType().Name}: {exception.Message.Split('\n')[0]}",
    };
}
