using WorkflowDefinitions.Domain.Common;

namespace WorkflowDefinitions.Domain.UnitTests.Common;

/// <summary>A violation's text quotes client values cut; its rule (a metric attribute) holds none of them.</summary>
public class ViolationTests
{
    private static readonly JsonPath EdgeTarget = JsonPath.Root.Property("edges").Index(12).Property("to_id");

    [Test]
    public void Of_QuotesTheValues_AndNamesTheRuleWithoutThem()
    {
        var label = new ItemLabel("edge", "e4", JsonPath.Root.Property("edges").Index(12));

        var violation = Violation.Of(EdgeTarget, $"'{"task_9"}' does not reference an existing task ({label})");

        Assert.That(violation, Is.EqualTo(new Violation(
            "edges[12].to_id",
            "'task_9' does not reference an existing task (edge 'e4')",
            "edges[].to_id '*' does not reference an existing task (edge '*')")));
    }

    [Test]
    public void Of_CutsEveryHole()
    {
        var hostile = string.Concat(Enumerable.Repeat("\\'", 300_000));
        var label = new ItemLabel("task", hostile, JsonPath.Root.Property("tasks").Index(0));

        var violation = Violation.Of(EdgeTarget, $"'{hostile}' is {label} itself");

        Assert.Multiple(() =>
        {
            Assert.That(violation.Reason, Is.EqualTo($"'{ClientText.Cut(hostile)}' is task '{ClientText.Cut(hostile)}' itself"));
            Assert.That(violation.Reason, Has.Length.LessThan(200));
            Assert.That(violation.Rule, Is.EqualTo("edges[].to_id '*' is task '*' itself"));
        });
    }

    [Test]
    public void Of_KeepsNumbersAndAllowedValuesInTheText_AndTheAllowedValuesInTheRule()
    {
        var violation = Violation.Of(JsonPath.Root.Property("unit"), $"must be one of {new AllowedValues(["days", "weeks"])}, not more than {3}");

        Assert.That(violation.Reason, Is.EqualTo("must be one of days, weeks, not more than 3"));
        Assert.That(violation.Rule, Is.EqualTo("unit must be one of days, weeks, not more than *"));
    }

    [Test]
    public void Of_AnItemWithoutId_IsNamedByItsPath()
    {
        var label = new ItemLabel("task", null, JsonPath.Root.Property("tasks").Index(3));

        var violation = Violation.Of(JsonPath.Root.Property("tasks").Index(3).Property("phase_id"), $"'{"p9"}' does not reference an existing phase ({label})");

        Assert.That(violation.Reason, Is.EqualTo("'p9' does not reference an existing phase (task at tasks[3])"));
        Assert.That(violation.Rule, Is.EqualTo("tasks[].phase_id '*' does not reference an existing phase (task at *)"));
    }

    [Test]
    public void Keys_AreQuotedAndCutInTheText_AndBlankInTheRule()
    {
        var path = JsonPath.Root.Property("_resolved_automations").Key("a'" + new string('b', 100)).Property("flow_name");

        var violation = Violation.Of(path, $"is required");

        Assert.That(violation.Path, Is.EqualTo($"_resolved_automations['a\\'{new string('b', 62)}…'].flow_name"));
        Assert.That(violation.Rule, Is.EqualTo("_resolved_automations['*'].flow_name is required"));
    }

    [Test]
    public void Collector_KeepsTheFirstFifty()
    {
        var collector = new ViolationCollector();
        for (var i = 0; i < 10_000; i++)
        {
            collector.Add(JsonPath.Root.Property("taxonomies").Index(i), $"must be a string");
        }

        Assert.That(collector.Violations, Has.Count.EqualTo(ViolationCollector.MaxViolations));
        Assert.That(collector.Violations[^1].Path, Is.EqualTo("taxonomies[49]"));
    }
}
