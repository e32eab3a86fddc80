using System.Globalization;
using WorkflowDefinitions.Application.Common;

namespace WorkflowDefinitions.Application.UnitTests.Common;

/// <summary>The API's (and the SQLite store's) fixed-width UTC timestamps, written and read without format strings.</summary>
public class TimestampsTests
{
    private const string FrameworkPattern = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    [Test]
    public void Instants_AreWrittenAsTheFrameworksPatternWritesThem_AndReadBack()
    {
        var random = new Random(20261202);
        var instants = new[] { DateTime.MinValue, DateTime.MaxValue, new DateTime(2021, 4, 27, 12, 1, 13, DateTimeKind.Utc), new DateTime(999, 1, 2, 3, 4, 5, 6, DateTimeKind.Utc) }
            .Concat(Enumerable.Range(0, 10_000).Select(_ => new DateTime(random.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks), DateTimeKind.Utc)));

        Assert.Multiple(() =>
        {
            foreach (var instant in instants)
            {
                var expected = instant.ToString(FrameworkPattern, CultureInfo.InvariantCulture);
                var written = Timestamps.Format(instant);
                Assert.That(written, Is.EqualTo(expected));
                Assert.That(Timestamps.ToApiString(new DateTimeOffset(instant)), Is.EqualTo(expected));
                Assert.That(Timestamps.Parse(written), Is.EqualTo(DateTime.ParseExact(
                    expected, FrameworkPattern, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal)));
                Assert.That(Timestamps.Parse(written).Kind, Is.EqualTo(DateTimeKind.Utc));
            }
        });
    }

    [Test]
    public void SubMillisecondTicks_AreCutNotRounded()
    {
        var instant = new DateTime(2026, 12, 2, 23, 59, 59, 999, DateTimeKind.Utc).AddTicks(9_999);

        Assert.That(Timestamps.Format(instant), Is.EqualTo("2026-12-02T23:59:59.999Z"));
    }

    [TestCase("")]
    [TestCase("2026-12-02T13:39:00.123")]
    [TestCase("2026-12-02T13:39:00.123Z ")]
    [TestCase("2026-12-02 13:39:00.123Z")]
    [TestCase("2026/12/02T13:39:00.123Z")]
    [TestCase("2026-12-02T13:39:00,123Z")]
    [TestCase("2026-12-02T13:39:0x.123Z")]
    [TestCase("2026-13-02T13:39:00.123Z")]
    [TestCase("2026-02-30T13:39:00.123Z")]
    [TestCase("2026-12-02T24:00:00.000Z")]
    [TestCase("0000-12-02T13:39:00.123Z")]
    [TestCase("2026-12-02T13:39:00.123+")]
    public void TextOfAnotherShape_IsAFormatException(string text)
    {
        Assert.That(() => Timestamps.Parse(text), Throws.InstanceOf<FormatException>());
    }
}
