using System.Text;
using WorkflowDefinitions.Api.Json;
using WorkflowDefinitions.Domain.Common;

namespace WorkflowDefinitions.Api.FunctionalTests.Json;

/// <summary>The strict reader's checks where one level's frame is used again by every later container at that depth.</summary>
public class StrictJsonReaderTests
{
    private static readonly HardLimits Limits = new();

    [Test]
    public void ObjectsAtTheSameDepth_EachHaveTheirOwnNames()
    {
        var tokens = Validate("""{"a": {"x": 1, "y": 2}, "b": {"x": 1, "y": 2}, "c": [{"x": 1}, {"x": 2}]}""");

        Assert.That(tokens, Is.EqualTo(27));
    }

    [Test]
    public void AnObjectAfterOneOfManyNames_StartsWithNone()
    {
        var many = string.Join(", ", Enumerable.Range(0, 100).Select(i => $"\"n{i}\": {i}"));

        Assert.DoesNotThrow(() => Validate($$$"""{"a": { {{{many}}} }, "b": {"n0": 0, "n99": 99}, "c": {"n1": 1}}"""));
    }

    [Test]
    public void ARepeatedName_AfterSiblingContainers_IsNamedByItsPath()
    {
        var refused = Assert.Throws<RequestBodyException>(() =>
            Validate("""{"a": [{"x": 1}, {"y": [1, {"z": 1}, {"x": 1, "x": 2}]}], "b": 1}"""));

        Assert.That(refused!.Message, Does.Contain("a[1].y[2].x"));
    }

    [Test]
    public void AnInvalidValue_AfterDeepSiblings_IsNamedByItsPath()
    {
        var refused = Assert.Throws<RequestBodyException>(() =>
            Validate("""{"deep": [[[[1]]], [[[2]]]], "then": {"list": [0, 1, 1e999]}}"""));

        Assert.That(refused!.Message, Does.Contain("then.list[2]"));
    }

    [Test]
    public void ABodyOfAMillionBrackets_IsCheckedWithoutAnObjectPerBracket()
    {
        var deep = new string('[', 60) + "1" + new string(']', 60);
        var body = Encoding.UTF8.GetBytes($$"""{"nested": [{{string.Join(",", Enumerable.Repeat(deep, 8_000))}}]}""");
        Validate("""{"warm": [[1]]}""");

        var before = GC.GetAllocatedBytesForCurrentThread();
        var tokens = StrictJsonReader.Validate(body, Limits);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(tokens, Is.EqualTo(968_005));
        Assert.That(allocated, Is.LessThan(64 * 1024), "480,000 arrays cost no allocation each (a frame per array took 19 MB)");
    }

    private static int Validate(string json) => StrictJsonReader.Validate(Encoding.UTF8.GetBytes(json), Limits);
}
