using System.Text.Json.Nodes;
using FluentValidation;
using WorkflowDefinitions.Application.ClosingReasons.ChangeReasonStatus;
using WorkflowDefinitions.Application.ClosingReasons.CreateClosingReason;
using WorkflowDefinitions.Application.ClosingReasons.UpdateClosingReason;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.UnitTests.ClosingReasons;

public class ClosingReasonValidatorTests
{
    private static readonly OrganizationId Organization = new("o");

    [TestCase("""{"title": "better offer"}""")]
    [TestCase("""{"title": "t", "status": "INACTIVE", "id": "x739cew", "description": "extra"}""")]
    [TestCase("""{"title": "t", "status": null, "id": null}""")]
    [TestCase("""{"id":"string","title":"string","status":"ACTIVE","lastUpdateTime":"string","creationTime":"string"}""")]
    public void Create_WithAValidBody_HasNoErrors(string body) =>
        Assert.That(Create(body), Is.Empty);

    [TestCase("""{}""", "title is required")]
    [TestCase("""{"title": null}""", "title is required")]
    [TestCase("""{"title": ""}""", "title must be a non-empty string")]
    [TestCase("""{"title": 5}""", "title must be a non-empty string")]
    [TestCase("""{"title": ["t"]}""", "title must be a non-empty string")]
    [TestCase("""{"title": "t", "status": "active"}""", "status must be one of ACTIVE, INACTIVE")]
    [TestCase("""{"title": "t", "status": true}""", "status must be one of ACTIVE, INACTIVE")]
    [TestCase("""{"title": "t", "id": ""}""", "id must be a string of 1-128 characters of A-Z, a-z, 0-9, '_' or '-'")]
    [TestCase("""{"title": "t", "id": 7}""", "id must be a string of 1-128 characters of A-Z, a-z, 0-9, '_' or '-'")]
    [TestCase("""{"title": "t", "id": "a/b"}""", "id must be a string of 1-128 characters of A-Z, a-z, 0-9, '_' or '-'")]
    public void Create_WithAnInvalidBody_NamesThePathAndReason(string body, string expected) =>
        Assert.That(Create(body), Is.EqualTo(new[] { expected }));

    [Test]
    public void Create_WithSeveralProblems_ReportsAllOfThem() =>
        Assert.That(Create("""{"id": "", "status": "X"}"""), Has.Count.EqualTo(3));

    [TestCase("""{}""")]
    [TestCase("""{"title": "t"}""")]
    [TestCase("""{"status": "INACTIVE", "extra": null}""")]
    [TestCase("""{"id": "ignored", "creationTime": 5}""")]
    public void Update_WithAValidPatch_HasNoErrors(string patch) =>
        Assert.That(Update("r1", patch), Is.Empty);

    [TestCase("""{"title": null}""", "title must not be null")]
    [TestCase("""{"status": null}""", "status must not be null")]
    [TestCase("""{"title": ""}""", "title must be a non-empty string")]
    [TestCase("""{"status": "GONE"}""", "status must be one of ACTIVE, INACTIVE")]
    public void Update_WithAnInvalidPatch_NamesThePathAndReason(string patch, string expected) =>
        Assert.That(Update("r1", patch), Is.EqualTo(new[] { expected }));

    [Test]
    public void Update_WithAnInvalidReasonId_ReportsOnlyTheId() =>
        Assert.That(Update("bad id", """{"title": null}"""),
            Is.EqualTo(new[] { "reasonId must be 1-128 characters of A-Z, a-z, 0-9, '_' or '-'" }));

    [TestCase("""{"status": "ACTIVE"}""", new string[0])]
    [TestCase("""{"status": "INACTIVE", "other": 1}""", new string[0])]
    [TestCase("""{}""", new[] { "status is required" })]
    [TestCase("""{"status": null}""", new[] { "status is required" })]
    [TestCase("""{"status": "inactive"}""", new[] { "status must be one of ACTIVE, INACTIVE" })]
    public void ChangeStatus_ChecksTheStatus(string body, string[] expected) =>
        Assert.That(Validate(new ChangeReasonStatusCommandValidator(), new ChangeReasonStatusCommand(Organization, "r1", Json(body))),
            Is.EqualTo(expected));

    private static List<string> Create(string body) =>
        Validate(new CreateClosingReasonCommandValidator(), new CreateClosingReasonCommand(Organization, Json(body)));

    private static List<string> Update(string id, string patch) =>
        Validate(new UpdateClosingReasonCommandValidator(), new UpdateClosingReasonCommand(Organization, id, Json(patch)));

    private static List<string> Validate<T>(IValidator<T> validator, T message) =>
        validator.Validate(message).Errors.Select(e => $"{e.PropertyName} {e.ErrorMessage}").ToList();

    private static JsonObject Json(string json) => JsonNode.Parse(json)!.AsObject();
}
