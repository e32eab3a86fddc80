using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WorkflowDefinitions.TestSupport;

/// <summary>
/// An in-process stand-in for the endpoints of the Automation API the service uses (<c>/v1/automation/flows</c>),
/// on a loopback port. Flows are kept per organization, read from the caller's bearer token (like the real API).
/// Faults can be injected per request, and every request is recorded.
/// </summary>
public sealed class FakeAutomationApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<(string Organization, string Id), JsonObject> _flows = new();
    private readonly ConcurrentQueue<FakeAutomationRequest> _requests = new();
    private int _creates;

    private FakeAutomationApi(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Decides the fate of a request: null lets it through, a status code fails it.</summary>
    public Func<FakeAutomationRequest, HttpStatusCode?>? Fault { get; set; }

    /// <summary>How long every request waits, after it is recorded, before it is answered.</summary>
    public TimeSpan Delay { get; set; }

    public IReadOnlyCollection<FakeAutomationRequest> Requests => _requests.ToArray();

    /// <summary>Forgets recorded requests and injected behaviour (stored flows stay).</summary>
    public void Reset()
    {
        _requests.Clear();
        Fault = null;
        Delay = TimeSpan.Zero;
    }

    public int FlowCount => _flows.Count;

    public static async Task<FakeAutomationApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeAutomationApi(app);
        Delegate create = fake.CreateAsync, get = fake.Get, put = fake.PutAsync, delete = fake.Delete;
        app.MapPost("/v1/automation/flows", create);
        app.MapGet("/v1/automation/flows/{id}", get);
        app.MapPut("/v1/automation/flows/{id}", put);
        app.MapDelete("/v1/automation/flows/{id}", delete);
        app.Use(async (context, next) =>
        {
            var request = new FakeAutomationRequest(context.Request.Method, context.Request.Path, context.Request.Headers.Authorization.ToString(),
                context.Request.Method == "POST" ? Interlocked.Increment(ref fake._creates) : 0);
            fake._requests.Enqueue(request);
            if (fake.Delay > TimeSpan.Zero)
            {
                await Task.Delay(fake.Delay, context.RequestAborted);
            }

            if (fake.Fault?.Invoke(request) is { } status)
            {
                context.Response.StatusCode = (int)status;
                await context.Response.WriteAsJsonAsync(new { message = $"injected {(int)status}" });
                return;
            }

            if (OrganizationOf(context) is null)
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                await context.Response.WriteAsJsonAsync(new { message = "Unauthorized" });
                return;
            }

            await next(context);
        });
        await app.StartAsync();
        fake.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return fake;
    }

    /// <summary>The flows of one organization, as stored.</summary>
    public IReadOnlyList<JsonObject> FlowsOf(string organizationId) =>
        _flows.Where(f => f.Key.Organization == organizationId).Select(f => (JsonObject)f.Value.DeepClone()).ToList();

    /// <summary>Puts a flow straight into the store, as if created earlier.</summary>
    public JsonObject Seed(string organizationId, JsonObject flow)
    {
        var stored = Stamp((JsonObject)flow.DeepClone(), flow["id"]?.GetValue<string>() ?? Guid.NewGuid().ToString(), organizationId);
        _flows[(organizationId, stored["id"]!.GetValue<string>())] = stored;
        return (JsonObject)stored.DeepClone();
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<IResult> CreateAsync(HttpContext context)
    {
        var flow = await ReadFlowAsync(context);
        if (flow is null)
        {
            return Results.BadRequest(new { message = "flow_name, triggers and actions are required" });
        }

        var stored = Stamp(flow, Guid.NewGuid().ToString(), OrganizationOf(context)!);
        _flows[(OrganizationOf(context)!, stored["id"]!.GetValue<string>())] = stored;
        return Results.Text(stored.ToJsonString(), "application/json", Encoding.UTF8, StatusCodes.Status201Created);
    }

    private IResult Get(HttpContext context, string id) =>
        _flows.TryGetValue((OrganizationOf(context)!, id), out var flow)
            ? Results.Text(flow.ToJsonString(), "application/json")
            : Results.NotFound(new { message = "Flow not found" });

    private async Task<IResult> PutAsync(HttpContext context, string id)
    {
        var key = (OrganizationOf(context)!, id);
        if (!_flows.ContainsKey(key))
        {
            return Results.NotFound(new { message = "Flow not found" });
        }

        var flow = await ReadFlowAsync(context);
        if (flow is null)
        {
            return Results.BadRequest(new { message = "flow_name, triggers and actions are required" });
        }

        _flows[key] = Stamp(flow, id, key.Item1);
        return Results.Text(_flows[key].ToJsonString(), "application/json");
    }

    private IResult Delete(HttpContext context, string id) =>
        _flows.TryRemove((OrganizationOf(context)!, id), out _) ? Results.Ok() : Results.NotFound(new { message = "Flow not found" });

    private static async Task<JsonObject?> ReadFlowAsync(HttpContext context)
    {
        var flow = await JsonNode.ParseAsync(context.Request.Body) as JsonObject;
        return flow is { } f && f["flow_name"] is JsonValue && f["triggers"] is JsonArray && f["actions"] is JsonArray ? flow : null;
    }

    private static JsonObject Stamp(JsonObject flow, string id, string organizationId)
    {
        flow["id"] = id;
        flow["org_id"] = organizationId;
        flow["created_at"] ??= DateTime.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        flow["updated_at"] = DateTime.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        return flow;
    }

    /// <summary>The organization of the caller: the <c>org_id</c> claim of the bearer token (not verified here).</summary>
    private static string? OrganizationOf(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return null;
        }

        var parts = header["Bearer ".Length..].Split('.');
        if (parts.Length < 2)
        {
            return null;
        }

        try
        {
            var payload = parts[1].Replace('-', '+').Replace('_', '/');
            payload += new string('=', (4 - (payload.Length % 4)) % 4);
            return JsonNode.Parse(Convert.FromBase64String(payload))?["org_id"]?.ToString();
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

/// <summary>A request the fake received; <see cref="CreateNumber"/> counts the creates (POST) made so far, from 1.</summary>
public sealed record FakeAutomationRequest(string Method, string Path, string Authorization, int CreateNumber);
