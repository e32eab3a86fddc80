using WorkflowDefinitions.Domain.Common;

namespace WorkflowDefinitions.Domain.UnitTests.Common;

public class ClientTextTests
{
    [TestCase("", "")]
    [TestCase("task_1", "task_1")]
    public void Cut_LeavesShortValuesAlone(string value, string expected) =>
        Assert.That(ClientText.Cut(value), Is.EqualTo(expected));

    [Test]
    public void Cut_KeepsSixtyFourCodePointsAndMarksTheCut()
    {
        Assert.That(ClientText.Cut(new string('x', 64)), Is.EqualTo(new string('x', 64)));
        Assert.That(ClientText.Cut(new string('x', 65)), Is.EqualTo(new string('x', 64) + "…"));
        Assert.That(ClientText.Cut(new string('x', 6_000_000)), Is.EqualTo(new string('x', 64) + "…"));
    }

    [Test]
    public void Cut_CountsCodePoints_AndNeverSplitsASurrogatePair()
    {
        var emoji = string.Concat(Enumerable.Repeat("😀", 100));

        var cut = ClientText.Cut(emoji);

        Assert.That(cut, Is.EqualTo(string.Concat(Enumerable.Repeat("😀", 64)) + "…"));
    }

    [Test]
    public void Quote_CutsAndQuotes() =>
        Assert.That(ClientText.Quote(new string('a', 100)), Is.EqualTo($"'{new string('a', 64)}…'"));
}
