using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.Extensions.DependencyInjection;
using WorkflowDefinitions.Api.FunctionalTests.Support;

namespace WorkflowDefinitions.Api.FunctionalTests.OpenApi;

/// <summary>
/// The served OpenAPI document is kept by hand beside the code: it must name every action by its operation id, on its
/// method and path, with exactly the statuses the action declares, and every reference in it must resolve.
/// </summary>
public partial class OpenApiDocumentTests
{
    /// <summary>Operations beyond the contract's 24 (additive: the 24 answer exactly as before).</summary>
    private static readonly string[] AdditiveOperations =
    [
        "validateFlowTemplate", "validateDefinition",
        "listFlowTemplateRevisions", "getFlowTemplateRevision", "diffFlowTemplateRevisions", "restoreFlowTemplateRevision", "listFlowTemplateChanges",
        "listDefinitionRevisions", "getDefinitionRevision", "diffDefinitionRevisions", "restoreDefinitionRevision",
    ];

    private static ApiFactory _factory = null!;
    private static JsonObject _document = null!;

    [OneTimeSetUp]
    public static async Task LoadAsync()
    {
        _factory = new ApiFactory();
        using var client = _factory.CreateClient();
        var response = await client.GetAsync("/openapi/v1.json");
        await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        _document = (await response.ReadJsonAsync()).AsObject();
    }

    [OneTimeTearDown]
    public static void Stop() => _factory.Dispose();

    [Test]
    public void Document_NamesEveryActionByItsOperationId_OnItsMethodAndPath_AndNothingElse()
    {
        var documented = Operations().Select(o => $"{o.Method} {o.Path} {o.Id}");
        var actions = Actions().Select(a => $"{a.HttpMethod!.ToLowerInvariant()} /{a.RelativePath} {OperationId(a)}");

        Assert.That(documented, Is.EquivalentTo(actions));
        Assert.That(Actions().Select(OperationId), Is.EquivalentTo(AllOperations.All.Select(o => o.OperationId).Concat(AdditiveOperations)),
            "the contract's 24 operations and the ones this service adds");
    }

    [Test]
    public void EveryOperation_ListsExactlyTheStatusesItsActionDeclares()
    {
        var declared = Actions().ToDictionary(OperationId, a => a.SupportedResponseTypes.Select(r => r.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order());

        Assert.Multiple(() =>
        {
            foreach (var operation in Operations())
            {
                Assert.That(operation.Node["responses"]!.AsObject().Select(r => r.Key).Order(), Is.EqualTo(declared[operation.Id]), operation.Id);
            }
        });
    }

    [Test]
    public void EveryOperation_DescribesTheQueryAndPathParametersItsActionBinds()
    {
        var components = _document["components"]!["parameters"]!.AsObject();
        var actions = Actions().ToDictionary(OperationId);

        Assert.Multiple(() =>
        {
            foreach (var operation in Operations())
            {
                var documented = (operation.Node["parameters"]?.AsArray() ?? [])
                    .Select(parameter => parameter!["$ref"] is { } reference ? components[reference.GetValue<string>().Split('/')[^1]]! : parameter!)
                    .Where(parameter => parameter["in"]!.GetValue<string>() is "query" or "path")
                    .Select(parameter => parameter["name"]!.GetValue<string>());
                var bound = actions[operation.Id].ParameterDescriptions
                    .Where(parameter => parameter.Source.Id is "Query" or "Path")
                    .Select(parameter => parameter.Name);
                Assert.That(documented, Is.EquivalentTo(bound), operation.Id);
            }
        });
    }

    [Test]
    public void EveryOperation_HasATagADescriptionAndDeprecationAsItsAction()
    {
        var obsolete = Actions().Where(a => a.ActionDescriptor.EndpointMetadata.OfType<ObsoleteAttribute>().Any()).Select(OperationId).ToHashSet();

        Assert.Multiple(() =>
        {
            foreach (var operation in Operations())
            {
                Assert.That(operation.Node["tags"]?.AsArray(), Is.Not.Null.And.Not.Empty, operation.Id);
                Assert.That(operation.Node["description"]?.GetValue<string>(), Is.Not.Null.And.Not.Empty, operation.Id);
                Assert.That(operation.Node["deprecated"]?.GetValue<bool>() ?? false, Is.EqualTo(obsolete.Contains(operation.Id)), operation.Id);
            }
        });
    }

    [Test]
    public void EveryReference_Resolves()
    {
        var references = Reference().Matches(_document.ToJsonString()).Select(m => (Kind: m.Groups[1].Value, Name: m.Groups[2].Value)).Distinct().ToList();

        Assert.That(references, Is.Not.Empty);
        Assert.That(references.Where(r => _document["components"]?[r.Kind]?[r.Name] is null), Is.Empty);
    }

    [Test]
    public void Document_RequiresTheBearerSchemeEverywhere()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_document["components"]!["securitySchemes"]!["BearerAuth"]!["scheme"]!.GetValue<string>(), Is.EqualTo("bearer"));
            Assert.That(_document["security"]!.ToJsonString(), Is.EqualTo("""[{"BearerAuth":[]}]"""));
        });
    }

    [Test]
    public async Task ApiReference_IsServed()
    {
        using var client = _factory.CreateClient();

        var response = await client.GetAsync("/scalar");

        await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
    }

    private static IEnumerable<(string Method, string Path, string Id, JsonObject Node)> Operations() =>
        _document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject()
            .Where(operation => operation.Value is JsonObject { } node && node.ContainsKey("operationId"))
            .Select(operation => (operation.Key, path.Key, operation.Value!["operationId"]!.GetValue<string>(), operation.Value!.AsObject())));

    private static IEnumerable<ApiDescription> Actions() =>
        _factory.Services.GetRequiredService<IApiDescriptionGroupCollectionProvider>().ApiDescriptionGroups.Items
            .SelectMany(group => group.Items)
            .Where(description => description.ActionDescriptor is ControllerActionDescriptor);

    private static string OperationId(ApiDescription action) => action.ActionDescriptor.AttributeRouteInfo!.Name!;

    [GeneratedRegex("#/components/(\\w+)/([\\w.-]+)")]
    private static partial Regex Reference();
}
