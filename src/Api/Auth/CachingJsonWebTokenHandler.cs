using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace WorkflowDefinitions.Api.Auth;

/// <summary>
/// A token handler that validates a token once and remembers it, so that a client sending the same bearer token with
/// every request is not parsed and its signature not verified again each time. A remembered token is used only while it
/// is still within its lifetime (<c>exp</c> plus the clock skew) and while the key that signed it is still one of the
/// signing keys in force (keys rotated out by the authority end it); any other token string — a forged, altered or
/// expired one — is validated in full. At most <see cref="Capacity"/> tokens are remembered (when full, none new until a
/// sweep, at most every <see cref="SweepInterval"/>, has dropped the expired ones). Time is the system clock, as for the
/// validation itself.
/// </summary>
public sealed class CachingJsonWebTokenHandler(int capacity = CachingJsonWebTokenHandler.Capacity) : JsonWebTokenHandler
{
    /// <summary>
    /// A remembered 200-character token takes about 3.2 KB (the token, its parsed claims and its identity; measured), so
    /// the cache holds about 13 MB of such tokens at most, proportionally more for larger tokens.
    /// </summary>
    public const int Capacity = 4096;

    /// <summary>How often a full cache looks for expired tokens to drop (each look walks every entry).</summary>
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, ValidatedToken> _validated = new(StringComparer.Ordinal);
    private long _nextSweepTicks;

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var now = DateTime.UtcNow;
        if (_validated.TryGetValue(token, out var remembered))
        {
            if (remembered.ValidUntil >= now && IsInForce(remembered.Token.SigningKey, validationParameters))
            {
                return new TokenValidationResult
                {
                    IsValid = true,
                    SecurityToken = remembered.Token,
                    ClaimsIdentity = remembered.Identity.Clone(),
                };
            }

            _validated.TryRemove(token, out _);
        }

        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && result.SecurityToken is JsonWebToken validated && validated.SigningKey is not null)
        {
            Remember(token, new ValidatedToken(validated, result.ClaimsIdentity.Clone(), validated.ValidTo + validationParameters.ClockSkew), now);
        }

        return result;
    }

    private void Remember(string token, ValidatedToken validated, DateTime now)
    {
        if (_validated.Count >= capacity)
        {
            var nextSweep = Interlocked.Read(ref _nextSweepTicks);
            if (now.Ticks < nextSweep || Interlocked.CompareExchange(ref _nextSweepTicks, (now + SweepInterval).Ticks, nextSweep) != nextSweep)
            {
                return;
            }

            foreach (var (key, entry) in _validated)
            {
                if (entry.ValidUntil < now)
                {
                    _validated.TryRemove(key, out _);
                }
            }

            if (_validated.Count >= capacity)
            {
                return;
            }
        }

        _validated[token] = validated;
    }

    private static bool IsInForce(SecurityKey key, TokenValidationParameters parameters) =>
        ReferenceEquals(key, parameters.IssuerSigningKey) || (parameters.IssuerSigningKeys?.Any(k => ReferenceEquals(k, key)) ?? false);

    /// <summary>A validated token with its identity as validation made it (each request gets its own copy to change).</summary>
    private sealed record ValidatedToken(JsonWebToken Token, ClaimsIdentity Identity, DateTime ValidUntil);
}
