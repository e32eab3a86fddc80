using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Polly;
using WorkflowDefinitions.Application.Automations;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Infrastructure.Automations;

/// <summary>
/// The Automation API over HTTP (<c>/v1/automation/flows</c>), called with the caller's bearer token so every flow is
/// created in, and read from, the caller's organization. Timeouts and retries of reads come from the resilience
/// pipeline configured with the client (one per organization); what still fails becomes a rejection (4xx) or an outage
/// (5xx, timeout, an answer beyond the size limit). Flow ids come from client documents: one that cannot name a path
/// segment (empty, <c>.</c>, <c>..</c>) names no flow and is never sent; every other one is escaped.
/// </summary>
public sealed class HttpAutomationClient(HttpClient http, ICallerToken caller) : IAutomationClient
{
    private const string FlowsPath = "v1/automation/flows";

    /// <summary>How much of the Automation API's own message a refusal passes on to the client.</summary>
    private const int MaxQuotedMessageLength = 256;

    private static readonly HttpRequestOptionsKey<string> OrganizationKey = new("workflow_definitions.organization_id");

    /// <summary>The organization a request is made for: the key of its resilience pipelines.</summary>
    public static string OrganizationOf(HttpRequestMessage request) =>
        request.Options.TryGetValue(OrganizationKey, out var organizationId) ? organizationId : string.Empty;

    public async Task<JsonObject> CreateFlowAsync(OrganizationId organizationId, JsonObject flow, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(organizationId, HttpMethod.Post, FlowsPath, flow, cancellationToken);
        return await ReadFlowAsync(response, cancellationToken);
    }

    public async Task<JsonObject?> GetFlowAsync(OrganizationId organizationId, string flowId, CancellationToken cancellationToken)
    {
        if (!CanName(flowId))
        {
            return null;
        }

        using var response = await SendAsync(organizationId, HttpMethod.Get, FlowPath(flowId), null, cancellationToken, HttpStatusCode.NotFound, HttpStatusCode.Forbidden);
        return response.IsSuccessStatusCode ? await ReadFlowAsync(response, cancellationToken) : null;
    }

    public async Task<JsonObject> PutFlowAsync(OrganizationId organizationId, string flowId, JsonObject flow, CancellationToken cancellationToken)
    {
        if (!CanName(flowId))
        {
            throw new AutomationRejectedException($"Automation flow {ClientText.Quote(flowId)} was not found");
        }

        using var response = await SendAsync(organizationId, HttpMethod.Put, FlowPath(flowId), flow, cancellationToken);
        return await ReadFlowAsync(response, cancellationToken);
    }

    public async Task DeleteFlowAsync(OrganizationId organizationId, string flowId, CancellationToken cancellationToken)
    {
        if (CanName(flowId))
        {
            using var response = await SendAsync(organizationId, HttpMethod.Delete, FlowPath(flowId), null, cancellationToken, HttpStatusCode.NotFound);
        }
    }

    /// <summary>Whether the id can be one path segment: escaping leaves <c>.</c> and <c>..</c> as they are, and they would move the path.</summary>
    private static bool CanName(string flowId) => flowId is not ("" or "." or "..");

    private static string FlowPath(string flowId) => $"{FlowsPath}/{Uri.EscapeDataString(flowId)}";

    private async Task<HttpResponseMessage> SendAsync(
        OrganizationId organizationId, HttpMethod method, string path, JsonObject? body, CancellationToken cancellationToken, params HttpStatusCode[] accepted)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Options.Set(OrganizationKey, organizationId.Value);
        if (caller.BearerToken is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw new AutomationUnavailableException("The Automation API could not be reached, or answered more than it may.", exception);
        }
        catch (Exception exception) when (exception is ExecutionRejectedException
            || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new AutomationUnavailableException("The Automation API did not answer in time.", exception);
        }

        if (response.IsSuccessStatusCode || accepted.Contains(response.StatusCode))
        {
            return response;
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (status >= 500)
            {
                throw new AutomationUnavailableException($"The Automation API failed with {status} on {method} {path}.");
            }

            throw new AutomationRejectedException(
                $"Automation API rejected the request ({status}): {ClientText.Cut(await ReadMessageAsync(response, cancellationToken), MaxQuotedMessageLength)}");
        }
    }

    private static async Task<JsonObject> ReadFlowAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken)) as JsonObject
                ?? throw new AutomationUnavailableException("The Automation API returned no flow.");
        }
        catch (JsonException exception)
        {
            throw new AutomationUnavailableException("The Automation API returned malformed JSON.", exception);
        }
    }

    private static async Task<string> ReadMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            if (JsonNode.Parse(text) is JsonObject error && error["message"] is JsonValue message && message.TryGetValue<string>(out var value))
            {
                return value;
            }
        }
        catch (JsonException)
        {
            // Not JSON: the status code says enough.
        }

        return response.ReasonPhrase ?? "no reason given";
    }
}
