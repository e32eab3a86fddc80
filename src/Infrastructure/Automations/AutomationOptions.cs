using Microsoft.Extensions.Options;

namespace WorkflowDefinitions.Infrastructure.Automations;

/// <summary>
/// Configuration section <c>Automation</c>: <c>BaseUrl</c> of the Automation API (empty: the embedded store is used),
/// <c>TimeoutSeconds</c>, how long one call may take in all, retries of reads included, and <c>MaxResponseBytes</c>, the
/// largest answer read from it.
/// </summary>
public sealed class AutomationOptions
{
    public const string SectionName = "Automation";

    public string? BaseUrl { get; set; }

    public int TimeoutSeconds { get; set; } = 15;

    public int MaxResponseBytes { get; set; } = 1024 * 1024;

    public bool UsesAutomationApi => !string.IsNullOrWhiteSpace(BaseUrl);
}

public sealed class AutomationOptionsValidator : IValidateOptions<AutomationOptions>
{
    public ValidateOptionsResult Validate(string? name, AutomationOptions options)
    {
        if (options.UsesAutomationApi
            && (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")))
        {
            return ValidateOptionsResult.Fail("Automation__BaseUrl must be an absolute http(s) URL.");
        }

        if (options.MaxResponseBytes is < 1024)
        {
            return ValidateOptionsResult.Fail("Automation__MaxResponseBytes must be at least 1024.");
        }

        return options.TimeoutSeconds is < 2 or > 300
            ? ValidateOptionsResult.Fail("Automation__TimeoutSeconds must be between 2 and 300.")
            : ValidateOptionsResult.Success;
    }
}
