using Microsoft.IdentityModel.Tokens;
using WorkflowDefinitions.Api.Auth;
using WorkflowDefinitions.Api.FunctionalTests.Support;

namespace WorkflowDefinitions.Api.FunctionalTests.Auth;

/// <summary>A remembered token is only ever the same token string, within its lifetime, signed by a key still in force.</summary>
public class CachingJsonWebTokenHandlerTests
{
    [Test]
    public async Task AValidatedToken_IsRemembered_AndEachRequestGetsItsOwnIdentity()
    {
        var handler = new CachingJsonWebTokenHandler();
        var token = TestTokens.ForOrganization("org-cached");
        var parameters = Parameters(TestTokens.SigningKey);

        var first = await handler.ValidateTokenAsync(token, parameters);
        var second = await handler.ValidateTokenAsync(token, parameters);

        Assert.Multiple(() =>
        {
            Assert.That(first.IsValid && second.IsValid, Is.True);
            Assert.That(second.SecurityToken, Is.SameAs(first.SecurityToken), "remembered, not parsed again");
            Assert.That(second.ClaimsIdentity, Is.Not.SameAs(first.ClaimsIdentity));
            Assert.That(second.ClaimsIdentity.Claims.Select(c => (c.Type, c.Value)), Is.EqualTo(first.ClaimsIdentity.Claims.Select(c => (c.Type, c.Value))));
        });
    }

    [Test]
    public async Task ARememberedToken_PastItsExpiry_IsRejected()
    {
        var handler = new CachingJsonWebTokenHandler();
        var token = TestTokens.Create(new() { ["org_id"] = "org-expiring" }, expires: DateTime.UtcNow.AddSeconds(2));
        var parameters = Parameters(TestTokens.SigningKey);
        parameters.ClockSkew = TimeSpan.Zero;
        var before = await handler.ValidateTokenAsync(token, parameters);

        await Task.Delay(TimeSpan.FromSeconds(3));
        var after = await handler.ValidateTokenAsync(token, parameters);

        Assert.Multiple(() =>
        {
            Assert.That(before.IsValid, Is.True);
            Assert.That(after.IsValid, Is.False);
            Assert.That(after.Exception, Is.InstanceOf<SecurityTokenExpiredException>());
        });
    }

    [Test]
    public async Task ARememberedToken_WhoseKeyIsNoLongerInForce_IsValidatedAgain_AndRejected()
    {
        var handler = new CachingJsonWebTokenHandler();
        var token = TestTokens.ForOrganization("org-rotated");
        await handler.ValidateTokenAsync(token, Parameters(TestTokens.SigningKey));

        var rotated = await handler.ValidateTokenAsync(token, Parameters("another-signing-key-of-at-least-32-bytes-long"));

        Assert.That(rotated.IsValid, Is.False);
    }

    [Test]
    public async Task AFullCache_RemembersNoMoreTokens_AndStillValidatesThem()
    {
        var handler = new CachingJsonWebTokenHandler(capacity: 2);
        var parameters = Parameters(TestTokens.SigningKey);
        var tokens = new[] { "org-1", "org-2", "org-3" }.Select(TestTokens.ForOrganization).ToArray();
        var first = new List<TokenValidationResult>();
        foreach (var token in tokens)
        {
            first.Add(await handler.ValidateTokenAsync(token, parameters));
        }

        var again = new List<TokenValidationResult>();
        foreach (var token in tokens)
        {
            again.Add(await handler.ValidateTokenAsync(token, parameters));
        }

        Assert.Multiple(() =>
        {
            Assert.That(again.Select(result => result.IsValid), Has.All.True);
            Assert.That(again[0].SecurityToken, Is.SameAs(first[0].SecurityToken));
            Assert.That(again[1].SecurityToken, Is.SameAs(first[1].SecurityToken));
            Assert.That(again[2].SecurityToken, Is.Not.SameAs(first[2].SecurityToken), "validated again, not remembered");
        });
    }

    [Test]
    public async Task AnAlteredToken_IsNeverTheRememberedOne()
    {
        var handler = new CachingJsonWebTokenHandler();
        var token = TestTokens.ForOrganization("org-a");
        var parameters = Parameters(TestTokens.SigningKey);
        await handler.ValidateTokenAsync(token, parameters);
        var forged = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];

        var result = await handler.ValidateTokenAsync(forged, parameters);

        Assert.That(result.IsValid, Is.False);
    }

    private static TokenValidationParameters Parameters(string signingKey) => new()
    {
        ValidateIssuer = false,
        ValidateAudience = false,
        RequireExpirationTime = true,
        RequireSignedTokens = true,
        IssuerSigningKey = AuthenticationSetup.CreateSigningKey(signingKey),
        ClockSkew = TimeSpan.FromSeconds(30),
    };
}
