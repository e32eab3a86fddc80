using Microsoft.Extensions.Options;

namespace WorkflowDefinitions.Infrastructure.Automations;

/// <summary>
/// Configuration section <c>Automation</c>: <c>BaseUrl</c> of the Automation API (empty: the embedded store is used)
/// and <c>TimeoutSeconds</c>, how long one call may take in all, retries of reads included.
/// </summary>
public sealed class AutomationOptions
{
    public const string SectionName = "Automation";

    public string? BaseUrl { get; set; }

    public int TimeoutSeconds { get; set; } = 15;

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

        return options.TimeoutSeconds is < 2 or > 300
            ? ValidateOptionsResult.Fail("Automation__TimeoutSeconds must be between 2 and 300.")
            : ValidateOptionsResult.Success;
    }
}
