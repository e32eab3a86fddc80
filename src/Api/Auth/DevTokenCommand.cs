using System.Globalization;
using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace WorkflowDefinitions.Api.Auth;

/// <summary>
/// <c>dev-token [--org ID] [--subject NAME] [--hours N]</c>: prints a bearer token for trying the API locally.
/// It only signs with the built-in development key, so it cannot mint tokens for a real deployment.
/// </summary>
public static class DevTokenCommand
{
    public const string Name = "dev-token";

    public static int Run(IReadOnlyList<string> arguments, IConfiguration configuration, IHostEnvironment environment)
    {
        var auth = configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>() ?? new AuthOptions();
        new AuthOptionsSetup(environment).PostConfigure(null, auth);
        if (auth.SigningKey != DevelopmentSigningKey.Value)
        {
            Console.Error.WriteLine(
                "dev-token only works with the development signing key: run it in the Development environment " +
                "without Auth__SigningKey or Auth__Authority (e.g. `dotnet run --project src/Api -- dev-token`).");
            return 1;
        }

        if (!TryParse(arguments, out var organizationId, out var subject, out var hours))
        {
            Console.Error.WriteLine("usage: dev-token [--org ID] [--subject NAME] [--hours N]");
            return 2;
        }

        var claims = new Dictionary<string, object>
        {
            ["org_id"] = organizationId,
        };
        var descriptor = new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim("sub", subject)]),
            Claims = claims,
            Issuer = string.IsNullOrWhiteSpace(auth.Issuer) ? null : auth.Issuer,
            Audience = string.IsNullOrWhiteSpace(auth.Audience) ? null : auth.Audience,
            Expires = DateTime.UtcNow.AddHours(hours),
            SigningCredentials = new SigningCredentials(
                AuthenticationSetup.CreateSigningKey(auth.SigningKey), SecurityAlgorithms.HmacSha256),
        };
        Console.Out.WriteLine(new JsonWebTokenHandler().CreateToken(descriptor));
        return 0;
    }

    private static bool TryParse(IReadOnlyList<string> arguments, out string organizationId, out string subject, out double hours)
    {
        organizationId = "dev-org";
        subject = "developer";
        hours = 8;
        for (var i = 0; i < arguments.Count; i += 2)
        {
            if (i + 1 >= arguments.Count)
            {
                return false;
            }

            var value = arguments[i + 1];
            switch (arguments[i])
            {
                case "--org" when value.Length > 0:
                    organizationId = value;
                    break;
                case "--subject" when value.Length > 0:
                    subject = value;
                    break;
                case "--hours" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && parsed > 0:
                    hours = parsed;
                    break;
                default:
                    return false;
            }
        }

        return true;
    }
}
