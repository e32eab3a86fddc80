using WorkflowDefinitions.Application.Common.Metrics;
using WorkflowDefinitions.Domain.Common;

namespace WorkflowDefinitions.Application.UnitTests.Common;

/// <summary>The <c>rule</c> attribute of the validation-failure metric: bounded whatever the client sends.</summary>
public class ValidationRuleTests
{
    [TestCase("name", "is required", "name is required")]
    [TestCase("edges[12].to_id", "'task_9' does not reference an existing task (edge 'e4')", "edges[].to_id '*' does not reference an existing task (edge '*')")]
    [TestCase("tasks[3].requirements[0].task_id", "'x' is task at tasks[3] itself", "tasks[].requirements[].task_id '*' is task at tasks[] itself")]
    [TestCase("_resolved_automations['a\\'1'].flow_name", "is required", "_resolved_automations[].flow_name is required")]
    [TestCase("tasks", "requirements form a cycle a -> b -> a (a task cannot wait for itself)", "tasks requirements form a cycle")]
    [TestCase("", "the flow must be a JSON object", "the flow must be a JSON object")]
    public void Of_MasksWhatTheClientChose(string path, string reason, string expected) =>
        Assert.That(ValidationRule.Of(new Violation(path, reason)), Is.EqualTo(expected));

    [Test]
    public void Of_IsNeverLongerThan160Characters() =>
        Assert.That(ValidationRule.Of(new Violation("name", new string('x', 500))), Has.Length.EqualTo(160));
}
