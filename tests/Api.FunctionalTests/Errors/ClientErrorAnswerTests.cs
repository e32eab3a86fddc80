using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using WorkflowDefinitions.Api.Errors;
using WorkflowDefinitions.Api.FunctionalTests.Controllers;
using WorkflowDefinitions.Api.FunctionalTests.Support;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Workflows;
using WorkflowDefinitions.TestSupport;
using static WorkflowDefinitions.Api.FunctionalTests.Support.HttpAssertions;

namespace WorkflowDefinitions.Api.FunctionalTests.Errors;

/// <summary>
/// The client errors an action throws are answered where MVC catches them (<see cref="ClientErrorFilter"/>), exactly as
/// the exception-handler middleware answers every other failure: the contract's status and body, and the headers that
/// keep the answer out of caches.
/// </summary>
public class ClientErrorAnswerTests
{
    private const string Organization = "client-errors-org";

    [Test]
    public async Task ClientErrorsOfEveryKind_CarryTheMiddlewaresNoStoreHeaders()
    {
        using var factory = new ApiFactory();
        using var client = factory.CreateClientFor(Organization);
        var flow = await client.CreateAsync(FlowSamples.Minimal);
        var path = $"/v2/flows/templates/{flow.Id()}";
        using var staleUpdate = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonBody(FlowSamples.Minimal) };
        staleUpdate.Headers.TryAddWithoutValidation("If-Match", "\"not-the-current-tag\"");
        var staleBody = JsonNode.Parse(FlowSamples.Minimal)!.AsObject();
        staleBody["updated_at"] = "2001-01-01T00:00:00.000Z";

        var answers = new (HttpResponseMessage Response, HttpStatusCode Status)[]
        {
            (await client.GetAsync("/v2/flows/templates/missing"), HttpStatusCode.NotFound),
            (await client.PostAsync("/v2/flows/templates", JsonBody("{")), HttpStatusCode.BadRequest),
            (await client.PostAsync("/v2/flows/templates", JsonBody("""{"name": "x", "tasks": [{"name": "A"}]}""")), HttpStatusCode.BadRequest),
            (await client.SendAsync(staleUpdate), HttpStatusCode.PreconditionFailed),
            (await client.PutAsync(path, JsonBody(staleBody.ToJsonString())), HttpStatusCode.Conflict),
        };

        foreach (var (response, status) in answers)
        {
            await response.AssertErrorAsync(status);
            response.AssertNotToBeStored();
        }
    }

    [Test]
    public async Task AFailureOfTheService_IsStillAnsweredByTheMiddleware_WithTheSameHeaders()
    {
        using var factory = new ApiFactory(configureServices: services =>
            services.AddScoped<IWorkflowSlots>(_ => new FailingSlots(new InvalidOperationException("secret connection detail"))));
        using var client = factory.CreateClientFor(Organization);

        var response = await client.PostAsync("/v2/flows/templates", JsonBody(FlowSamples.Minimal));

        await response.AssertErrorAsync(HttpStatusCode.InternalServerError, "Internal server error");
        response.AssertNotToBeStored();
    }

    [Test]
    public async Task TheFilter_LeavesFailuresOfTheServiceToTheMiddleware()
    {
        var context = ExceptionContextFor(new DefaultHttpContext(), new InvalidOperationException("store failed"));

        await Filter().OnExceptionAsync(context);

        Assert.That(context.ExceptionHandled, Is.False);
        Assert.That(context.HttpContext.Response.Headers, Is.Empty);
    }

    [Test]
    public async Task TheFilter_LeavesAnAnswerAlreadyStartedAlone()
    {
        var http = new DefaultHttpContext();
        http.Features.Set<IHttpResponseFeature>(new StartedResponse());
        var context = ExceptionContextFor(http, NotFoundException.FlowTemplate("f1"));

        await Filter().OnExceptionAsync(context);

        Assert.That(context.ExceptionHandled, Is.False);
        Assert.That(http.Response.StatusCode, Is.EqualTo(StatusCodes.Status200OK));
    }

    private static ClientErrorFilter Filter() => new(new ErrorResponseExceptionHandler(NullLogger<ErrorResponseExceptionHandler>.Instance));

    private static ExceptionContext ExceptionContextFor(HttpContext http, Exception exception) =>
        new(new ActionContext(http, new RouteData(), new ActionDescriptor()), []) { Exception = exception };

    private sealed class StartedResponse : HttpResponseFeature
    {
        public override bool HasStarted => true;
    }
}
