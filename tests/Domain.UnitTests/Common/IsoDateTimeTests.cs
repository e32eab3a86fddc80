using WorkflowDefinitions.Domain.Common;

namespace WorkflowDefinitions.Domain.UnitTests.Common;

/// <summary>Client dates (contract D10): an ISO-8601 date or date-time, checked by a scanner that reads each character once.</summary>
public class IsoDateTimeTests
{
    [TestCase("2021-04-27")]
    [TestCase("2024-02-29")]
    [TestCase("2021-04-27T12:01")]
    [TestCase("2021-04-27T12:01:13")]
    [TestCase("2021-04-27T12:01:13.000Z")]
    [TestCase("2021-04-27T12:01:13.123456789Z")]
    [TestCase("2021-04-27T12:01:13.1+02:00")]
    [TestCase("2021-04-27T23:59:59-0530")]
    [TestCase("2021-04-27T00:00Z")]
    public void IsValid_AcceptsDatesAndDateTimes(string value) => Assert.That(IsoDateTime.IsValid(value), Is.True);

    [TestCase("")]
    [TestCase("2021-4-27")]
    [TestCase("2021-02-30")]
    [TestCase("2021-13-01")]
    [TestCase("2021-04-27T")]
    [TestCase("2021-04-27T24:00")]
    [TestCase("2021-04-27T12:60")]
    [TestCase("2021-04-27T12:01:60")]
    [TestCase("2021-04-27T12:01.5")]
    [TestCase("2021-04-27T12:01:13.")]
    [TestCase("2021-04-27T12:01:13.1234567890Z")]
    [TestCase("2021-04-27T12:01:13+24:00")]
    [TestCase("2021-04-27T12:01:13+2:00")]
    [TestCase("2021-04-27T12:01:13Zjunk")]
    [TestCase("2021-04-27 12:01")]
    [TestCase("2021-04-27T١٢:01")]
    [TestCase("٢٠٢١-04-27")]
    public void IsValid_RefusesEverythingElse(string value) => Assert.That(IsoDateTime.IsValid(value), Is.False);

    [Test]
    public void IsValid_OnAHugeValue_ReadsOnlyItsStart() =>
        Assert.That(IsoDateTime.IsValid("2021-04-27T12:01:13Z" + new string('9', 6_000_000)), Is.False);

    [Test]
    public void TryParseInstant_NeedsATime()
    {
        Assert.That(IsoDateTime.TryParseInstant("2021-04-27T12:01:13.250Z", out var instant), Is.True);
        Assert.That(instant, Is.EqualTo(new DateTimeOffset(2021, 4, 27, 12, 1, 13, 250, TimeSpan.Zero)));
        Assert.That(IsoDateTime.TryParseInstant("2021-04-27", out _), Is.False);
    }
}
