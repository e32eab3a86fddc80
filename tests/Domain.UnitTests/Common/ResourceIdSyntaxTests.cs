using WorkflowDefinitions.Domain.ClosingReasons;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Domain.FlowTemplates;
using WorkflowDefinitions.Domain.LegacyWorkflowDefinitions;

namespace WorkflowDefinitions.Domain.UnitTests.Common;

public class ResourceIdSyntaxTests
{
    [TestCase("7hj28a")]
    [TestCase("CustomerRequest")]
    [TestCase("7889")]
    [TestCase("-poOAPBa-jFZA_AWV3zN0")]
    [TestCase("123e4567-e89b-12d3-a456-426614174000")]
    [TestCase("x")]
    public void IsValid_WithContractExamples_ReturnsTrue(string id) =>
        Assert.That(ResourceIdSyntax.IsValid(id), Is.True);

    [TestCase("")]
    [TestCase("a b")]
    [TestCase("a/b")]
    [TestCase("a.b")]
    [TestCase("ä")]
    [TestCase("abc\n")]
    public void IsValid_WithCharactersOutsideTheAlphabet_ReturnsFalse(string id) =>
        Assert.That(ResourceIdSyntax.IsValid(id), Is.False);

    [Test]
    public void IsValid_At128Characters_IsTheLongestAllowed()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ResourceIdSyntax.IsValid(new string('a', 128)), Is.True);
            Assert.That(ResourceIdSyntax.IsValid(new string('a', 129)), Is.False);
        });
    }

    [Test]
    public void IsValid_WithNull_ReturnsFalse() => Assert.That(ResourceIdSyntax.IsValid(null), Is.False);

    [Test]
    public void Require_WithAnInvalidId_NamesTheIdCutToTheLongestValidLength()
    {
        var exception = Assert.Throws<DomainException>(() => ResourceIdSyntax.Require(new string('x', 500) + " y", "Flow template"));

        Assert.That(exception!.Message, Is.EqualTo($"Flow template id '{new string('x', 128)}…' is invalid: it must be {ResourceIdSyntax.Description}"));
    }

    [TestCase("ok-id", true)]
    [TestCase("not ok", false)]
    [TestCase("", false)]
    public void FromPath_GivesAnIdOnlyForValidSyntax(string value, bool expected) =>
        Assert.Multiple(() =>
        {
            Assert.That(FlowTemplateId.FromPath(value).HasValue, Is.EqualTo(expected));
            Assert.That(WorkflowDefinitionId.FromPath(value).HasValue, Is.EqualTo(expected));
            Assert.That(ClosingReasonId.FromPath(value).HasValue, Is.EqualTo(expected));
        });
}
