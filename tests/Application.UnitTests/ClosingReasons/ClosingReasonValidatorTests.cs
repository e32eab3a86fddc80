using System.Text.Json;
using FluentValidation;
using WorkflowDefinitions.Application.ClosingReasons.ChangeReasonStatus;
using WorkflowDefinitions.Application.ClosingReasons.GetClosingReason;
using WorkflowDefinitions.Application.ClosingReasons.UpdateClosingReason;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.UnitTests.ClosingReasons;

/// <summary>The validators check the path id only; bodies are read by <c>ClosingReasonBodies</c> (Domain.UnitTests).</summary>
public class ClosingReasonValidatorTests
{
    private const string InvalidId = "reasonId must be 1-128 characters of A-Z, a-z, 0-9, '_' or '-'";
    private static readonly OrganizationId Organization = new("o");
    private static readonly JsonElement InvalidBody = JsonDocument.Parse("""{"title": null, "status": 5}""").RootElement;

    [TestCase("r1", new string[0])]
    [TestCase("bad id", new[] { InvalidId })]
    [TestCase("", new[] { InvalidId })]
    public void Get_ChecksTheId(string id, string[] expected) =>
        Assert.That(Validate(new GetClosingReasonQueryValidator(), new GetClosingReasonQuery(Organization, id)), Is.EqualTo(expected));

    [TestCase("r1", new string[0])]
    [TestCase("bad id", new[] { InvalidId })]
    public void Update_ChecksTheIdOnly(string id, string[] expected) =>
        Assert.That(Validate(new UpdateClosingReasonCommandValidator(), new UpdateClosingReasonCommand(Organization, id, InvalidBody)), Is.EqualTo(expected));

    [TestCase("r1", new string[0])]
    [TestCase("a/b", new[] { InvalidId })]
    public void ChangeStatus_ChecksTheIdOnly(string id, string[] expected) =>
        Assert.That(Validate(new ChangeReasonStatusCommandValidator(), new ChangeReasonStatusCommand(Organization, id, InvalidBody)), Is.EqualTo(expected));

    private static List<string> Validate<T>(IValidator<T> validator, T message) =>
        validator.Validate(message).Errors.Select(e => $"{e.PropertyName} {e.ErrorMessage}").ToList();
}
