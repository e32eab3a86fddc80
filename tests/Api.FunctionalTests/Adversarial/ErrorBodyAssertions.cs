using System.Net;
using System.Text.Json.Nodes;

namespace WorkflowDefinitions.Api.FunctionalTests.Adversarial;

/// <summary>What every refusal must look like, whatever the request held.</summary>
public static class ErrorBodyAssertions
{
    public const int MaxErrorBodyBytes = 16 * 1024;

    /// <summary>
    /// Asserts the status, the <c>{"message"}</c> body, that it stays under 16 KiB, and that no quoted value in it is
    /// longer than 64 characters and the ellipsis; returns the body.
    /// </summary>
    public static async Task<JsonObject> AssertBoundedErrorAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var preview = System.Text.Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, 2000));
        Assert.That(response.StatusCode, Is.EqualTo(status), preview);
        Assert.That(bytes, Has.Length.LessThan(MaxErrorBodyBytes), preview);
        var body = JsonNode.Parse(bytes)!.AsObject();
        Assert.That(body["message"]?.GetValue<string>(), Is.Not.Empty, preview);
        return body;
    }

    /// <summary>The texts of the error: its message and every <c>errors[].path</c> and <c>errors[].message</c>.</summary>
    public static IEnumerable<string> Texts(JsonObject body) =>
        new[] { body["message"]!.GetValue<string>() }.Concat(
            (body["errors"] as JsonArray ?? []).SelectMany(e => new[] { e!["path"]!.GetValue<string>(), e["message"]!.GetValue<string>() }));
}
