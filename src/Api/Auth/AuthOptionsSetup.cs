using System.Text;
using Microsoft.Extensions.Options;

namespace WorkflowDefinitions.Api.Auth;

/// <summary>Fills in the development key where that is allowed, and refuses configurations that cannot authenticate.</summary>
public sealed class AuthOptionsSetup(IHostEnvironment environment)
    : IPostConfigureOptions<AuthOptions>, IValidateOptions<AuthOptions>
{
    public const int MinSigningKeyBytes = 32;

    public void PostConfigure(string? name, AuthOptions options)
    {
        if (environment.IsDevelopment()
            && string.IsNullOrWhiteSpace(options.SigningKey)
            && string.IsNullOrWhiteSpace(options.Authority))
        {
            options.SigningKey = DevelopmentSigningKey.Value;
        }
    }

    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.SigningKey) && string.IsNullOrWhiteSpace(options.Authority))
        {
            return ValidateOptionsResult.Fail(
                "Auth__SigningKey or Auth__Authority must be set (only Development falls back to a built-in key).");
        }

        if (!string.IsNullOrEmpty(options.SigningKey) && Encoding.UTF8.GetByteCount(options.SigningKey) < MinSigningKeyBytes)
        {
            return ValidateOptionsResult.Fail($"Auth__SigningKey must be at least {MinSigningKeyBytes} bytes long.");
        }

        if (!string.IsNullOrWhiteSpace(options.Authority) && !Uri.TryCreate(options.Authority, UriKind.Absolute, out _))
        {
            return ValidateOptionsResult.Fail("Auth__Authority must be an absolute URL.");
        }

        return options.ClockSkewSeconds < 0
            ? ValidateOptionsResult.Fail("Auth__ClockSkewSeconds must not be negative.")
            : ValidateOptionsResult.Success;
    }
}
