using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace WorkflowDefinitions.Api.FunctionalTests.Support;

public static class HttpAssertions
{
    public static async Task<JsonNode> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text) ?? throw new AssertionException($"Response body is JSON null: {text}");
    }

    /// <summary>Asserts the status and the contract's error body <c>{"message": ...}</c>; returns the body.</summary>
    public static async Task<JsonObject> AssertErrorAsync(this HttpResponseMessage response, HttpStatusCode status, string? message = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), text);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"), text);
        var body = JsonNode.Parse(text)!.AsObject();
        Assert.That(body["message"]?.GetValue<string>(), message is null ? Is.Not.Empty : Is.EqualTo(message), text);
        return body;
    }

    /// <summary>
    /// Asserts what every error answer carries so that no cache keeps it (the exception-handler middleware's headers):
    /// <c>Cache-Control: no-cache,no-store</c>, <c>Pragma: no-cache</c>, <c>Expires: -1</c>, and no <c>ETag</c>.
    /// </summary>
    public static void AssertNotToBeStored(this HttpResponseMessage response)
    {
        Assert.That(response.Headers.NonValidated["Cache-Control"].ToString(), Is.EqualTo("no-cache,no-store"));
        Assert.That(response.Headers.NonValidated["Pragma"].ToString(), Is.EqualTo("no-cache"));
        Assert.That(response.Content.Headers.NonValidated["Expires"].ToString(), Is.EqualTo("-1"));
        Assert.That(response.Headers.Contains("ETag"), Is.False);
    }

    public static async Task AssertStatusAsync(this HttpResponseMessage response, HttpStatusCode status) =>
        Assert.That(response.StatusCode, Is.EqualTo(status), await response.Content.ReadAsStringAsync());

    public static StringContent JsonBody(string json) => new(json, Encoding.UTF8, "application/json");
}
