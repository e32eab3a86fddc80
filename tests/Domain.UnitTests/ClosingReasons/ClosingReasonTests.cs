using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowDefinitions.Domain.ClosingReasons;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Domain.UnitTests.ClosingReasons;

public class ClosingReasonTests
{
    private static readonly OrganizationId Organization = new("123");
    private static readonly DateTimeOffset Created = new(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero);

    [Test]
    public void Create_SetsBothTimestampsToNow_AtMillisecondPrecisionInUtc()
    {
        var now = new DateTimeOffset(2026, 1, 2, 5, 4, 5, 678, TimeSpan.FromHours(2)).AddTicks(4321);

        var reason = Create(now: now);

        Assert.Multiple(() =>
        {
            Assert.That(reason.CreationTime, Is.EqualTo(Created));
            Assert.That(reason.CreationTime.Offset, Is.EqualTo(TimeSpan.Zero));
            Assert.That(reason.LastUpdateTime, Is.EqualTo(Created));
        });
    }

    [TestCase("")]
    [TestCase(null)]
    public void Create_WithoutTitle_ThrowsInvalidDocumentException(string? title)
    {
        var exception = Assert.Throws<InvalidDocumentException>(() => Create(title: title!));

        Assert.That(exception.Violations.Single().Path, Is.EqualTo("title"));
    }

    [Test]
    public void Create_WithReservedNameAmongExtraProperties_IsRefused()
    {
        var extras = ExtraProperties.From(JsonNode.Parse("""{"a": 1}""")!.AsObject(), new HashSet<string>());
        var withReserved = ExtraProperties.From(JsonNode.Parse("""{"org_id": 1}""")!.AsObject(), new HashSet<string>());

        Assert.Multiple(() =>
        {
            Assert.DoesNotThrow(() => Create(extras: extras));
            Assert.Throws<ArgumentException>(() => Create(extras: withReserved));
        });
    }

    [Test]
    public void ReservedPropertyNames_DropOrganizationFieldsSentInTheBody()
    {
        var body = JsonNode.Parse("""{"org_id": "evil", "orgId": "evil", "description": "kept"}""")!.AsObject();

        var extras = ExtraProperties.From(body, ClosingReason.ReservedPropertyNames);

        Assert.That(extras.Names, Is.EqualTo(new[] { "description" }));
    }

    [Test]
    public void Apply_WithChanges_UpdatesFieldsAndBumpsLastUpdateTimeOnly()
    {
        var reason = Create();
        var later = Created.AddMinutes(5);

        var changed = reason.Apply(Changes("""{"title": "New", "status": "INACTIVE", "note": "n"}""", "New", ClosingReasonStatus.Inactive), later);

        Assert.Multiple(() =>
        {
            Assert.That(changed, Is.True);
            Assert.That(reason.Title, Is.EqualTo("New"));
            Assert.That(reason.Status, Is.EqualTo(ClosingReasonStatus.Inactive));
            Assert.That(JsonSerializer.Serialize(reason.ExtraProperties.ToDictionary()), Is.EqualTo("""{"note":"n"}"""));
            Assert.That(reason.CreationTime, Is.EqualTo(Created));
            Assert.That(reason.LastUpdateTime, Is.EqualTo(later));
        });
    }

    [Test]
    public void Apply_WithSameValues_ChangesNothingAndKeepsLastUpdateTime()
    {
        var reason = Create();

        var changed = reason.Apply(Changes("""{"title": "Better offer"}""", "Better offer", null), Created.AddMinutes(5));

        Assert.Multiple(() =>
        {
            Assert.That(changed, Is.False);
            Assert.That(reason.LastUpdateTime, Is.EqualTo(Created));
        });
    }

    [Test]
    public void Apply_WithEmptyTitle_IsRefusedAndChangesNothing()
    {
        var reason = Create();

        Assert.Throws<InvalidDocumentException>(() => reason.Apply(Changes("""{"title": ""}""", "", null), Created.AddMinutes(1)));
        Assert.That(reason.Title, Is.EqualTo("Better offer"));
    }

    [Test]
    public void Apply_WhenTheClockHasNotAdvanced_StillMovesLastUpdateTimeForward()
    {
        var reason = Create();

        reason.Apply(Changes("""{"title": "Other"}""", "Other", null), Created.AddSeconds(-10));

        Assert.That(reason.LastUpdateTime, Is.EqualTo(Created.AddMilliseconds(1)));
    }

    [Test]
    public void ChangeStatus_ToTheCurrentStatus_IsANoOp()
    {
        var reason = Create();

        var changed = reason.ChangeStatus(ClosingReasonStatus.Active, Created.AddMinutes(1));

        Assert.Multiple(() =>
        {
            Assert.That(changed, Is.False);
            Assert.That(reason.LastUpdateTime, Is.EqualTo(Created));
        });
    }

    [Test]
    public void ChangeStatus_ToAnotherStatus_ChangesItAndBumpsLastUpdateTime()
    {
        var reason = Create();

        var changed = reason.ChangeStatus(ClosingReasonStatus.Inactive, Created.AddMinutes(1));

        Assert.Multiple(() =>
        {
            Assert.That(changed, Is.True);
            Assert.That(reason.Status, Is.EqualTo(ClosingReasonStatus.Inactive));
            Assert.That(reason.LastUpdateTime, Is.EqualTo(Created.AddMinutes(1)));
        });
    }

    [Test]
    public void Changes_OfAStoredReason_GiveTheNextRevision_AndNoChangeKeepsIt()
    {
        var stored = ClosingReason.Restore(Organization, new ClosingReasonId("r1"), "Title", ClosingReasonStatus.Active, ExtraProperties.None, Created, Created, revision: 7);

        stored.ChangeStatus(ClosingReasonStatus.Active, Created.AddMinutes(1));
        var unchanged = stored.Revision;
        stored.Apply(Changes("""{"title": "New"}""", "New", null), Created.AddMinutes(2));
        stored.ChangeStatus(ClosingReasonStatus.Inactive, Created.AddMinutes(3));

        Assert.Multiple(() =>
        {
            Assert.That(unchanged, Is.EqualTo(7));
            Assert.That(stored.Revision, Is.EqualTo(8), "one write of all the changes");
            Assert.That(stored.StoredRevision, Is.EqualTo(7));
        });
    }

    [TestCase("")]
    [TestCase("a b")]
    [TestCase("x/y")]
    public void ClosingReasonId_WithInvalidSyntax_IsRefused(string id) =>
        Assert.Throws<DomainException>(() => _ = new ClosingReasonId(id));

    [Test]
    public void StatusNames_RoundTrip()
    {
        foreach (var status in Enum.GetValues<ClosingReasonStatus>())
        {
            Assert.That(ClosingReasonStatusNames.Parse(status.ToName()), Is.EqualTo(status));
        }
    }

    private static ClosingReason Create(string title = "Better offer", ExtraProperties? extras = null, DateTimeOffset? now = null) =>
        ClosingReason.Create(Organization, new ClosingReasonId("x739cew"), title, ClosingReasonStatus.Active,
            extras ?? ExtraProperties.None, now ?? Created);

    private static ClosingReasonChanges Changes(string patch, string? title, ClosingReasonStatus? status) =>
        new(title, status, JsonNode.Parse(patch)!.AsObject());
}
