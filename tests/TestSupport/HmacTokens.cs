using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace WorkflowDefinitions.TestSupport;

/// <summary>HS256 tokens minted independently of the service's own code, as an external client would.</summary>
public static class HmacTokens
{
    /// <summary>The key the service processes started by <see cref="ServiceProcess"/> trust.</summary>
    public const string SigningKey = "end-to-end-tests-signing-key-of-sufficient-length";

    public static string ForOrganization(string organizationId)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = Encode(JsonSerializer.SerializeToUtf8Bytes(new { alg = "HS256", typ = "JWT" }));
        var payload = Encode(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["sub"] = "e2e",
            ["org_id"] = organizationId,
            ["iat"] = now,
            ["exp"] = now + 3600,
        }));
        var signature = Encode(HMACSHA256.HashData(Encoding.UTF8.GetBytes(SigningKey), Encoding.ASCII.GetBytes($"{header}.{payload}")));
        return $"{header}.{payload}.{signature}";
    }

    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
