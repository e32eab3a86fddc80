using System.Text.Json;
using WorkflowDefinitions.Domain.ClosingReasons;
using WorkflowDefinitions.Domain.Common;

namespace WorkflowDefinitions.Domain.UnitTests.ClosingReasons;

public class ClosingReasonBodiesTests
{
    private const string IdRule = "id must be a string of 1-128 characters of A-Z, a-z, 0-9, '_' or '-'";

    [TestCase("""{"title": "better offer"}""", null, "better offer", ClosingReasonStatus.Active)]
    [TestCase("""{"title": "t", "status": "INACTIVE", "id": "x739cew", "description": "extra"}""", "x739cew", "t", ClosingReasonStatus.Inactive)]
    [TestCase("""{"title": "t", "status": null, "id": null}""", null, "t", ClosingReasonStatus.Active)]
    [TestCase("""{"id":"string","title":"string","status":"ACTIVE","lastUpdateTime":"string","creationTime":"string"}""", "string", "string", ClosingReasonStatus.Active)]
    public void ReadNew_WithAValidBody_ReadsItsFields(string body, string? id, string title, ClosingReasonStatus status)
    {
        var draft = ClosingReasonBodies.ReadNew(Json(body));

        Assert.Multiple(() =>
        {
            Assert.That(draft.Id?.Value, Is.EqualTo(id));
            Assert.That(draft.Title, Is.EqualTo(title));
            Assert.That(draft.Status, Is.EqualTo(status));
        });
    }

    [Test]
    public void ReadNew_KeepsOnlyTheUnnamedProperties_Exactly()
    {
        var draft = ClosingReasonBodies.ReadNew(Json("""{"title": "t", "org_id": "x", "creationTime": 1, "n": 1.50, "o": {"a": [null, "b"]}}"""));

        Assert.That(JsonSerializer.Serialize(draft.ExtraProperties.ToDictionary()), Is.EqualTo("""{"n":1.50,"o":{"a":[null,"b"]}}"""));
    }

    [TestCase("""{}""", "title is required")]
    [TestCase("""{"title": null}""", "title is required")]
    [TestCase("""{"title": ""}""", "title must be a non-empty string")]
    [TestCase("""{"title": 5}""", "title must be a non-empty string")]
    [TestCase("""{"title": ["t"]}""", "title must be a non-empty string")]
    [TestCase("""{"title": "t", "status": "active"}""", "status must be one of ACTIVE, INACTIVE")]
    [TestCase("""{"title": "t", "status": true}""", "status must be one of ACTIVE, INACTIVE")]
    [TestCase("""{"title": "t", "id": ""}""", IdRule)]
    [TestCase("""{"title": "t", "id": 7}""", IdRule)]
    [TestCase("""{"title": "t", "id": "a/b"}""", IdRule)]
    public void ReadNew_WithAnInvalidBody_NamesThePathAndReason(string body, string expected) =>
        Assert.That(Violations(() => ClosingReasonBodies.ReadNew(Json(body))), Is.EqualTo(new[] { expected }));

    [Test]
    public void ReadNew_WithSeveralProblems_ReportsAllOfThemInPropertyOrder() =>
        Assert.That(Violations(() => ClosingReasonBodies.ReadNew(Json("""{"id": "", "status": "X"}"""))),
            Is.EqualTo(new[] { IdRule, "title is required", "status must be one of ACTIVE, INACTIVE" }));

    [TestCase("""{}""", null, null)]
    [TestCase("""{"title": "t"}""", "t", null)]
    [TestCase("""{"status": "INACTIVE", "extra": null}""", null, ClosingReasonStatus.Inactive)]
    [TestCase("""{"id": "ignored", "creationTime": 5}""", null, null)]
    public void ReadChanges_WithAValidPatch_LeavesAbsentFieldsUnchanged(string patch, string? title, ClosingReasonStatus? status)
    {
        var changes = ClosingReasonBodies.ReadChanges(Json(patch));

        Assert.Multiple(() =>
        {
            Assert.That(changes.Title, Is.EqualTo(title));
            Assert.That(changes.Status, Is.EqualTo(status));
            Assert.That(changes.Patch.ToJsonString(), Is.EqualTo(Json(patch).GetRawText().Replace(" ", "")));
        });
    }

    [TestCase("""{"title": null}""", "title must not be null")]
    [TestCase("""{"status": null}""", "status must not be null")]
    [TestCase("""{"title": ""}""", "title must be a non-empty string")]
    [TestCase("""{"status": "GONE"}""", "status must be one of ACTIVE, INACTIVE")]
    public void ReadChanges_WithAnInvalidPatch_NamesThePathAndReason(string patch, string expected) =>
        Assert.That(Violations(() => ClosingReasonBodies.ReadChanges(Json(patch))), Is.EqualTo(new[] { expected }));

    [TestCase("""{"status": "ACTIVE"}""", ClosingReasonStatus.Active)]
    [TestCase("""{"status": "INACTIVE", "other": 1}""", ClosingReasonStatus.Inactive)]
    public void ReadStatusChange_ReadsTheStatus(string body, ClosingReasonStatus expected) =>
        Assert.That(ClosingReasonBodies.ReadStatusChange(Json(body)), Is.EqualTo(expected));

    [TestCase("""{}""", "status is required")]
    [TestCase("""{"status": null}""", "status is required")]
    [TestCase("""{"status": "inactive"}""", "status must be one of ACTIVE, INACTIVE")]
    public void ReadStatusChange_WithoutAKnownStatus_NamesThePathAndReason(string body, string expected) =>
        Assert.That(Violations(() => ClosingReasonBodies.ReadStatusChange(Json(body))), Is.EqualTo(new[] { expected }));

    private static IEnumerable<string> Violations(Action read) =>
        Assert.Throws<InvalidDocumentException>(() => read())!.Violations.Select(v => v.ToString());

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement;
}
