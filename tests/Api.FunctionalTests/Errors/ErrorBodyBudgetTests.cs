using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowDefinitions.Api.Errors;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.TestSupport;

namespace WorkflowDefinitions.Api.FunctionalTests.Errors;

/// <summary>The last bound on an error body: whatever the parts hold, the body written stays under 16 KiB.</summary>
public class ErrorBodyBudgetTests
{
    private static readonly JsonSerializerOptions Written = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IEnumerable<TestCaseData> Hostile() =>
        HostileText.All(20_000).Select(h => new TestCaseData(h.Text).SetArgDisplayNames(h.Kind));

    [TestCaseSource(nameof(Hostile))]
    public void Fit_OfFiftyLongViolations_StaysUnder16KiB(string hostile)
    {
        var violations = Enumerable.Range(0, 50).Select(i => new Violation($"tasks[{i}].{hostile}", hostile, "rule")).ToList();
        var response = ErrorResponse.WithViolations("Invalid request body: " + string.Join("; ", violations), violations);

        var fitted = ErrorBodyBudget.Fit(response);

        Assert.That(JsonSerializer.SerializeToUtf8Bytes(fitted, Written), Has.Length.LessThan(ErrorBodyBudget.MaxBodyBytes));
        Assert.That(fitted.Errors, Is.Not.Empty);
        Assert.That(fitted.Message, Does.StartWith("Invalid request body: tasks[0].").And.EndWith("…"));
    }

    [Test]
    public void Fit_KeepsViolationsInOrder_AndShortOnesWhole()
    {
        var violations = new[] { new Violation("name", "is required", "name is required"), new Violation("edges", "cycle detected a -> b -> a", "rule") };

        var fitted = ErrorBodyBudget.Fit(ErrorResponse.WithViolations("Invalid request body: name is required; edges cycle detected a -> b -> a", violations));

        Assert.That(fitted.Message, Is.EqualTo("Invalid request body: name is required; edges cycle detected a -> b -> a"));
        Assert.That(fitted.Errors!.Select(e => $"{e.Path} {e.Message}"), Is.EqualTo(new[] { "name is required", "edges cycle detected a -> b -> a" }));
    }

    [TestCaseSource(nameof(Hostile))]
    public void Fit_OfManyLimitWarnings_CutsTheNames(string hostile)
    {
        var warnings = new JsonArray(Enumerable.Range(0, 2000).Select(i => (JsonNode)new JsonObject
        {
            ["i18nKey"] = "errors.task_max_incoming_edges",
            ["message"] = $"Task '{hostile}' has 12 incoming connections (max 10)",
            ["max"] = 10,
            ["current"] = 12,
            ["node_id"] = hostile,
            ["task_name"] = hostile,
            ["path"] = new JsonArray("tasks", i),
        }).ToArray());

        var fitted = ErrorBodyBudget.Fit(new ErrorResponse("Flow exceeds its limits: " + hostile, LimitWarnings: warnings));

        Assert.That(JsonSerializer.SerializeToUtf8Bytes(fitted, Written), Has.Length.LessThan(ErrorBodyBudget.MaxBodyBytes));
        Assert.That(fitted.LimitWarnings, Is.Not.Empty);
        Assert.That(fitted.LimitWarnings![0]!["task_name"]!.GetValue<string>(), Is.EqualTo(ClientText.Cut(hostile)));
    }
}
