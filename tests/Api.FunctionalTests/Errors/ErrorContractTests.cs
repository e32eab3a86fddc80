using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Api.FunctionalTests.Support;
using WorkflowDefinitions.Application.ClosingReasons;
using WorkflowDefinitions.Application.FlowTemplates;
using WorkflowDefinitions.Application.LegacyWorkflowDefinitions;
using WorkflowDefinitions.Application.Workflows;
using WorkflowDefinitions.Application.Workflows.History;
using WorkflowDefinitions.Domain.ClosingReasons;
using WorkflowDefinitions.Domain.FlowTemplates;
using WorkflowDefinitions.Domain.LegacyWorkflowDefinitions;
using WorkflowDefinitions.Domain.Organizations;
using static WorkflowDefinitions.Api.FunctionalTests.Support.HttpAssertions;

namespace WorkflowDefinitions.Api.FunctionalTests.Errors;

/// <summary>Contract §1.1, §1.7, §1.10: every failure answers <c>{"message"}</c> with the contract's status.</summary>
public class ErrorContractTests
{
    private const int SixMebibytes = 6 * 1024 * 1024;
    private ApiFactory _factory = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public void StartService()
    {
        _factory = new ApiFactory();
        _client = _factory.CreateClientFor("errors-org");
    }

    [OneTimeTearDown]
    public void StopService()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    [TestCase("GET", "/nothing-here")]
    [TestCase("GET", "/v1/workflows/closing-reasons/a/b")]
    [TestCase("POST", "/v3/workflows")]
    public async Task UnknownRoute_Answers404(string method, string path)
    {
        var response = await _client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await response.AssertErrorAsync(HttpStatusCode.NotFound, "Not found");
    }

    [TestCase("PUT", "/v1/workflows/closing-reasons", "GET, POST")]
    [TestCase("DELETE", "/v1/workflows/closing-reasons", "GET, POST")]
    [TestCase("POST", "/v2/workflows/closing-reasons/r1", "DELETE, GET, PATCH")]
    [TestCase("PUT", "/v1/workflows/closing-reasons/r1", "GET, PATCH")]
    public async Task KnownRouteWithWrongMethod_Answers405WithAllow(string method, string path, string allowed)
    {
        var response = await _client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await response.AssertErrorAsync(HttpStatusCode.MethodNotAllowed, "Method not allowed");
        Assert.That(string.Join(", ", response.Content.Headers.Allow.Order()), Is.EqualTo(allowed));
    }

    [Test]
    public async Task BodyOverSixMebibytes_Answers413()
    {
        var response = await _client.PostAsync("/v1/workflows/closing-reasons", JsonBody(BodyOfSize(SixMebibytes + 1)));

        await response.AssertErrorAsync(HttpStatusCode.RequestEntityTooLarge, "Request body too large");
    }

    [Test]
    public async Task BodyOverSixMebibytesWithoutContentLength_Answers413()
    {
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(BodyOfSize(SixMebibytes + 1))));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/workflows/closing-reasons") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await _client.SendAsync(request);

        await response.AssertErrorAsync(HttpStatusCode.RequestEntityTooLarge, "Request body too large");
    }

    [Test]
    public async Task BodyOfExactlySixMebibytes_IsAccepted()
    {
        var response = await _client.PostAsync("/v1/workflows/closing-reasons", JsonBody(BodyOfSize(SixMebibytes)));

        await response.AssertStatusAsync(HttpStatusCode.Created);
    }

    [TestCase("text/plain")]
    [TestCase("application/x-www-form-urlencoded")]
    [TestCase("application/xml")]
    [TestCase("application/json; charset=iso-8859-1")]
    public async Task NonJsonMediaType_Answers415(string mediaType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"title": "t"}"""));
        content.Headers.TryAddWithoutValidation("Content-Type", mediaType);

        var response = await _client.PostAsync("/v1/workflows/closing-reasons", content);

        await response.AssertErrorAsync(HttpStatusCode.UnsupportedMediaType, "Unsupported media type: expected application/json");
    }

    [TestCase("application/json")]
    [TestCase("application/json; charset=utf-8")]
    [TestCase("application/json; charset=UTF-8")]
    [TestCase("application/merge-patch+json")]
    [TestCase("application/vnd.epilot+json")]
    public async Task JsonMediaTypes_AreAccepted(string mediaType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"title": "t"}"""));
        content.Headers.TryAddWithoutValidation("Content-Type", mediaType);

        var response = await _client.PostAsync("/v1/workflows/closing-reasons", content);

        await response.AssertStatusAsync(HttpStatusCode.Created);
    }

    [Test]
    public async Task BodyOnAnOperationWithoutBody_IsIgnored()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/workflows/closing-reasons")
        {
            Content = new StringContent("this is not json", Encoding.UTF8, "text/plain"),
        };

        var response = await _client.SendAsync(request);

        await response.AssertStatusAsync(HttpStatusCode.OK);
    }

    [TestCase("""{"title": "a", "title": "b"}""", "title is a repeated property name")]
    [TestCase("""{"title": "t", "x": {"k": 1, "k": 2}}""", "x.k is a repeated property name")]
    [TestCase("""{"title": "\ud800"}""", "title is not valid UTF-8 text (or holds an unpaired surrogate)")]
    [TestCase("""{"title": "t", "list": [1, 2, "\udc00"]}""", "list[2] is not valid UTF-8 text (or holds an unpaired surrogate)")]
    [TestCase("""{"title": "t", "n": 1e400}""", "n is a number outside the range of a double")]
    [TestCase("""{"title": "t", "n": [0, -1E999]}""", "n[1] is a number outside the range of a double")]
    public async Task BodyALenientParserWouldAccept_Answers400NamingThePath(string json, string violation)
    {
        var response = await _client.PostAsync("/v1/workflows/closing-reasons", JsonBody(json));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "Invalid request body: " + violation);
    }

    [Test]
    public async Task BodyWithInvalidUtf8_Answers400()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"title": "XX"}""");
        bytes[11] = 0xC3;
        bytes[12] = 0x28;
        var content = new ByteArrayContent(bytes);
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json");

        var response = await _client.PostAsync("/v1/workflows/closing-reasons", content);

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "Invalid request body: title is not valid UTF-8 text (or holds an unpaired surrogate)");
    }

    [Test]
    public async Task NestingOf64Levels_IsAccepted_65IsRefused()
    {
        static string Nested(int levels) => """{"title": "t", "n": """ + new string('[', levels - 1) + new string(']', levels - 1) + "}";

        var accepted = await _client.PostAsync("/v1/workflows/closing-reasons", JsonBody(Nested(64)));
        var refused = await _client.PostAsync("/v1/workflows/closing-reasons", JsonBody(Nested(65)));

        await accepted.AssertStatusAsync(HttpStatusCode.Created);
        await refused.AssertErrorAsync(HttpStatusCode.BadRequest);
        Assert.That((await refused.ReadJsonAsync())["message"]!.GetValue<string>(), Does.EndWith("nests deeper than 64 levels"));
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase("null")]
    [TestCase("42")]
    [TestCase("\"text\"")]
    [TestCase("[]")]
    [TestCase("{} {}")]
    [TestCase("{\"title\": \"t\",}")]
    [TestCase("{/* comment */ \"title\": \"t\"}")]
    [TestCase("{'title': 't'}")]
    public async Task MalformedOrNonObjectBody_Answers400MalformedJson(string json)
    {
        var response = await _client.PostAsync("/v1/workflows/closing-reasons", JsonBody(json));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "Invalid request body: malformed JSON");
    }

    [Test]
    public async Task BodyWithByteOrderMark_IsAccepted()
    {
        var content = new ByteArrayContent([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("""{"title": "t"}""")]);
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json");

        var response = await _client.PostAsync("/v1/workflows/closing-reasons", content);

        await response.AssertStatusAsync(HttpStatusCode.Created);
    }

    [Test]
    public async Task EveryOperation_WhenTheStoreFails_Answers500WithoutDetails()
    {
        using var factory = new ApiFactory(configureServices: services =>
            services.AddScoped<IClosingReasonRepository, FailingClosingReasonRepository>());
        using var client = factory.CreateClientFor("org");
        foreach (var operation in ClosingReasonOperations.All)
        {
            using var request = operation.ToRequest();

            var response = await client.SendAsync(request);

            var body = await response.AssertErrorAsync(HttpStatusCode.InternalServerError, "Internal server error");
            Assert.That(body.ToJsonString(), Does.Not.Contain("Exception").And.Not.Contain("secret"), operation.OperationId);
            Assert.That(body["traceId"]?.GetValue<string>(), Does.Match("^[0-9a-f]{32}$"), operation.OperationId);
        }
    }

    [Test]
    public async Task EveryFlowAndDefinitionOperation_WhenTheStoreFails_Answers500WithoutDetails()
    {
        using var factory = new ApiFactory(configureServices: services =>
        {
            services.AddScoped<IFlowTemplateRepository, FailingWorkflowStore>();
            services.AddScoped<IWorkflowDefinitionRepository, FailingWorkflowStore>();
            services.AddScoped<IWorkflowSlots, FailingWorkflowStore>();
        });
        using var client = factory.CreateClientFor("org");
        foreach (var operation in FlowTemplateOperations.All.Concat(DefinitionOperations.All))
        {
            using var request = operation.ToRequest();

            var response = await client.SendAsync(request);

            var body = await response.AssertErrorAsync(HttpStatusCode.InternalServerError, "Internal server error");
            Assert.That(body.ToJsonString(), Does.Not.Contain("secret"), operation.OperationId);
        }
    }

    /// <summary>A closing reason padded to exactly <paramref name="bytes"/> with strings of 60,000 characters (below the string cap).</summary>
    private static string BodyOfSize(int bytes)
    {
        const string Prefix = "{\"title\": \"t\", \"padding\": [";
        const string Suffix = "]}";
        const int Piece = 60_000;
        var builder = new StringBuilder(Prefix);
        var room = bytes - Prefix.Length - Suffix.Length;
        while (room > 0)
        {
            var separator = builder.Length > Prefix.Length ? 1 : 0;
            var length = Math.Min(Piece, room - separator - 2);
            builder.Append(separator == 1 ? "," : string.Empty).Append('"').Append('x', length).Append('"');
            room -= separator + length + 2;
        }

        return builder.Append(Suffix).ToString();
    }

    private sealed class FailingWorkflowStore : IFlowTemplateRepository, IWorkflowDefinitionRepository, IWorkflowSlots
    {
        private static InvalidOperationException Failure => new("secret connection detail");

        public Task<FlowTemplate?> FindAsync(OrganizationId organizationId, FlowTemplateId id, CancellationToken cancellationToken) => throw Failure;

        public Task<UnlessLarger<FlowTemplate>> FindUnlessLargerAsync(OrganizationId organizationId, FlowTemplateId id, int maxBytes, CancellationToken cancellationToken) =>
            throw Failure;

        public IAsyncEnumerable<Listed<FlowTemplate>> ListAsync(OrganizationId organizationId, TriggerCriteria criteria, int maxBytes, CancellationToken cancellationToken) =>
            throw Failure;

        public Task<FlowTemplatePage> SearchAsync(OrganizationId organizationId, FlowTemplateSearch search, int maxBytes, CancellationToken cancellationToken) => throw Failure;

        public Task AddAsync(FlowTemplate flow, WorkflowSlot slot, RevisionRecord revision, CancellationToken cancellationToken) => throw Failure;

        public Task UpdateAsync(FlowTemplate flow, RevisionRecord revision, CancellationToken cancellationToken) => throw Failure;

        public Task<bool> DeleteAsync(OrganizationId organizationId, FlowTemplateId id, long? revision, CancellationToken cancellationToken) => throw Failure;

        public Task<WorkflowDefinition?> FindAsync(OrganizationId organizationId, WorkflowDefinitionId id, CancellationToken cancellationToken) => throw Failure;

        public Task<UnlessLarger<WorkflowDefinition>> FindUnlessLargerAsync(
            OrganizationId organizationId, WorkflowDefinitionId id, int maxBytes, CancellationToken cancellationToken) => throw Failure;

        public IAsyncEnumerable<Listed<WorkflowDefinition>> ListAsync(OrganizationId organizationId, int maxBytes, CancellationToken cancellationToken) => throw Failure;

        public Task AddAsync(WorkflowDefinition definition, WorkflowSlot slot, RevisionRecord revision, CancellationToken cancellationToken) => throw Failure;

        public Task UpdateAsync(WorkflowDefinition definition, RevisionRecord revision, CancellationToken cancellationToken) => throw Failure;

        public Task<bool> DeleteAsync(OrganizationId organizationId, WorkflowDefinitionId id, long? revision, CancellationToken cancellationToken) => throw Failure;

        public Task<WorkflowSlot> ReserveAsync(OrganizationId organizationId, int maxAllowed, CancellationToken cancellationToken) => throw Failure;

        public Task ReleaseAsync(WorkflowSlot slot, CancellationToken cancellationToken) => throw Failure;

        public Task<int> TakenAsync(OrganizationId organizationId, CancellationToken cancellationToken) => throw Failure;

        public Task<int> CountAsync(OrganizationId organizationId, CancellationToken cancellationToken) => throw Failure;
    }

    private sealed class FailingClosingReasonRepository : IClosingReasonRepository
    {
        private static InvalidOperationException Failure => new("secret connection detail");

        public Task<ClosingReason?> FindAsync(OrganizationId organizationId, ClosingReasonId id, CancellationToken cancellationToken) => throw Failure;

        public IAsyncEnumerable<ClosingReason> ListAsync(OrganizationId organizationId, bool includeInactive, CancellationToken cancellationToken) => throw Failure;

        public Task AddAsync(ClosingReason reason, int maxReasons, CancellationToken cancellationToken) => throw Failure;

        public Task UpdateAsync(ClosingReason reason, CancellationToken cancellationToken) => throw Failure;

        public Task<bool> DeleteAsync(OrganizationId organizationId, ClosingReasonId id, long? revision, CancellationToken cancellationToken) => throw Failure;
    }
}
