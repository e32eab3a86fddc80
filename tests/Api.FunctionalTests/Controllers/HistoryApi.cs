using System.Net;
using System.Text.Json.Nodes;
using WorkflowDefinitions.Api.FunctionalTests.Support;
using static WorkflowDefinitions.Api.FunctionalTests.Support.HttpAssertions;

namespace WorkflowDefinitions.Api.FunctionalTests.Controllers;

/// <summary>Calls of the revision endpoints the history tests of flows and definitions repeat, given the workflow's path.</summary>
public static class HistoryApi
{
    /// <summary>PUT of <paramref name="json"/>, asserted 200.</summary>
    public static async Task<HttpResponseMessage> ReplaceAsync(this HttpClient client, string workflow, string json)
    {
        var response = await client.PutAsync(workflow, JsonBody(json));
        await response.AssertStatusAsync(HttpStatusCode.OK);
        return response;
    }

    public static async Task<HttpResponseMessage> RestoreAsync(this HttpClient client, string workflow, string revision, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{workflow}/revisions/{revision}/restore");
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request);
    }

    /// <summary>A page of revisions, asserted 200.</summary>
    public static Task<JsonObject> RevisionsAsync(this HttpClient client, string workflow, string query = "") => ReadAsync(client, $"{workflow}/revisions{query}");

    /// <summary>A diff, asserted 200.</summary>
    public static Task<JsonObject> DiffAsync(this HttpClient client, string workflow, string query) => ReadAsync(client, $"{workflow}/diff{query}");

    public static int[] Numbers(JsonObject page) => [.. page["results"]!.AsArray().Select(r => r!["revision"]!.GetValue<int>())];

    public static string[] Sources(JsonObject page) => [.. page["results"]!.AsArray().Select(r => r!["source"]!.GetValue<string>())];

    private static async Task<JsonObject> ReadAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        await response.AssertStatusAsync(HttpStatusCode.OK);
        return (await response.ReadJsonAsync()).AsObject();
    }
}
