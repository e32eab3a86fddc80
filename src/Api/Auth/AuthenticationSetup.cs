using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace WorkflowDefinitions.Api.Auth;

/// <summary>
/// Bearer-token authentication (contract §1.2): any missing, malformed, expired, not-yet-valid, unsigned or wrongly
/// signed token, or one with the wrong issuer or audience, is a 401; a valid token without an organization is a 403.
/// </summary>
public static class AuthenticationSetup
{
    public static IServiceCollection AddBearerAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<AuthOptionsSetup>();
        services.AddSingleton<IPostConfigureOptions<AuthOptions>>(provider => provider.GetRequiredService<AuthOptionsSetup>());
        services.AddSingleton<IValidateOptions<AuthOptions>>(provider => provider.GetRequiredService<AuthOptionsSetup>());

        // Bearer tokens need no data protection; an in-memory key ring keeps the framework from writing keys to disk.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddSingleton<CachingJsonWebTokenHandler>();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>, CachingJsonWebTokenHandler>((jwt, auth, tokens) => Configure(jwt, auth.Value, tokens));

        // The policy names no scheme: the user the authentication middleware found (the default scheme's) is the one it
        // judges, and a 401 or 403 is the default scheme's challenge or forbid. Naming the scheme would authenticate every
        // request a second time, merging the same principal into a new one.
        services.AddAuthorizationBuilder().SetDefaultPolicy(new AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser()
            .RequireClaim(OrganizationClaim.ClaimType)
            .Build());
        return services;
    }

    public static TokenValidationParameters CreateValidationParameters(AuthOptions auth) => new()
    {
        ValidateIssuer = !string.IsNullOrWhiteSpace(auth.Issuer) || !string.IsNullOrWhiteSpace(auth.Authority),
        ValidIssuer = string.IsNullOrWhiteSpace(auth.Issuer) ? null : auth.Issuer,
        ValidateAudience = !string.IsNullOrWhiteSpace(auth.Audience),
        ValidAudience = string.IsNullOrWhiteSpace(auth.Audience) ? null : auth.Audience,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        RequireSignedTokens = true,
        ValidateIssuerSigningKey = true,
        IssuerSigningKey = string.IsNullOrEmpty(auth.SigningKey) ? null : CreateSigningKey(auth.SigningKey),
        ClockSkew = TimeSpan.FromSeconds(auth.ClockSkewSeconds),
    };

    public static SymmetricSecurityKey CreateSigningKey(string signingKey) => new(Encoding.UTF8.GetBytes(signingKey));

    private static void Configure(JwtBearerOptions jwt, AuthOptions auth, CachingJsonWebTokenHandler tokens)
    {
        jwt.MapInboundClaims = false;
        jwt.SaveToken = false;
        tokens.MapInboundClaims = false;
        jwt.TokenHandlers.Clear();
        jwt.TokenHandlers.Add(tokens);
        if (!string.IsNullOrWhiteSpace(auth.Authority))
        {
            jwt.Authority = auth.Authority;
            jwt.RequireHttpsMetadata = auth.RequireHttpsMetadata;
        }

        jwt.TokenValidationParameters = CreateValidationParameters(auth);
        jwt.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                if (context.Principal?.Identity is not ClaimsIdentity identity)
                {
                    return Task.CompletedTask;
                }

                OrganizationClaim.RemoveFrom(identity);
                if (context.SecurityToken is JsonWebToken token && OrganizationClaim.Resolve(token, auth.EffectiveOrganizationClaims) is { } organizationId)
                {
                    identity.AddClaim(new Claim(OrganizationClaim.ClaimType, organizationId));
                }

                return Task.CompletedTask;
            },
        };
    }
}
