using WorkflowDefinitions.Domain.Common;

namespace WorkflowDefinitions.Domain.UnitTests.Common;

public class ServerTimeTests
{
    private static readonly DateTimeOffset Previous = new(2026, 5, 1, 8, 0, 0, 500, TimeSpan.Zero);

    [Test]
    public void UpdatedAfter_ALaterClock_IsTheClockToTheMillisecond() =>
        Assert.That(ServerTime.UpdatedAfter(Previous, Previous.AddTicks(12_345_678).ToOffset(TimeSpan.FromHours(2))),
            Is.EqualTo(new DateTimeOffset(2026, 5, 1, 8, 0, 1, 734, TimeSpan.Zero)));

    [TestCase(0)]
    [TestCase(-5000)]
    [TestCase(0.4)]
    public void UpdatedAfter_AClockThatStoodStillOrWentBack_IsOneMillisecondLater(double milliseconds) =>
        Assert.That(ServerTime.UpdatedAfter(Previous, Previous.AddMilliseconds(milliseconds)), Is.EqualTo(Previous.AddMilliseconds(1)));
}
