using System.Text.Json.Nodes;
using FluentValidation;
using Mediator;
using WorkflowDefinitions.Application.ClosingReasons;
using WorkflowDefinitions.Application.ClosingReasons.GetClosingReason;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Common.Behaviors;
using WorkflowDefinitions.Application.Common.Validation;
using WorkflowDefinitions.Application.FlowTemplates.ListFlowTemplates;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Application.UnitTests.Common;

public class ValidationBehaviorTests
{
    private static readonly OrganizationId Organization = new("o");

    [Test]
    public void Handle_WithInvalidParameters_ThrowsWithEveryViolation_AndSkipsTheHandler()
    {
        var validator = new InlineValidator<ListFlowTemplatesQuery>();
        validator.RuleFor(q => q.TriggerType).MustBeOneOf("trigger_type", ["manual"]);
        validator.RuleFor(q => q.TriggerSourceId).MustBeOneOf("trigger_source_id", ["a"]);
        var behavior = new ValidationBehavior<ListFlowTemplatesQuery, StreamedList>([validator]);
        var query = new ListFlowTemplatesQuery(Organization, "bad", "bad", null);
        var handlerRan = false;

        var exception = Assert.ThrowsAsync<InvalidRequestException>(async () => await behavior.Handle(query, (_, _) =>
        {
            handlerRan = true;
            return ValueTask.FromResult<StreamedList>(null!);
        }, CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(handlerRan, Is.False);
            Assert.That(exception!.Message, Is.EqualTo("Invalid request: trigger_type must be one of manual; trigger_source_id must be one of a"));
            Assert.That(exception.Violations.Select(v => v.Path), Is.EqualTo(new[] { "trigger_type", "trigger_source_id" }));
        });
    }

    [Test]
    public void Handle_WithInvalidPathId_SaysInvalidRequest()
    {
        var behavior = new ValidationBehavior<GetClosingReasonQuery, ClosingReasonDto>([new GetClosingReasonQueryValidator()]);

        var exception = Assert.ThrowsAsync<InvalidRequestException>(async () =>
            await behavior.Handle(new GetClosingReasonQuery(Organization, "no spaces"), (_, _) => default, CancellationToken.None));

        Assert.That(exception!.Message, Does.StartWith("Invalid request: reasonId must be"));
    }

    [Test]
    public async Task Handle_WithValidMessage_CallsTheHandler()
    {
        var behavior = new ValidationBehavior<GetClosingReasonQuery, int>([new InlineValidator<GetClosingReasonQuery>()]);

        var result = await behavior.Handle(new GetClosingReasonQuery(Organization, "ok"), (_, _) => ValueTask.FromResult(42), CancellationToken.None);

        Assert.That(result, Is.EqualTo(42));
    }

    [Test]
    public void AddApplication_RegistersAValidatorForEveryValidatorInTheAssembly()
    {
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection().AddApplication();
        var registered = services.Select(d => d.ImplementationType).OfType<Type>().ToHashSet();

        var validators = typeof(DependencyInjection).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>)));

        Assert.That(validators, Is.SubsetOf(registered));
    }

    [Test]
    public void EveryMessage_ThatCarriesAPathId_HasAValidator()
    {
        var messages = typeof(DependencyInjection).Assembly.GetTypes()
            .Where(t => typeof(IMessage).IsAssignableFrom(t) && t.GetProperty("ReasonId") is not null)
            .Where(t => t.Name != "DeleteClosingReasonCommand");
        var validated = typeof(DependencyInjection).Assembly.GetTypes()
            .SelectMany(t => t.BaseType is { IsGenericType: true } b && b.GetGenericTypeDefinition() == typeof(AbstractValidator<>)
                ? [b.GetGenericArguments()[0]]
                : Array.Empty<Type>())
            .ToHashSet();

        Assert.That(messages, Is.SubsetOf(validated));
    }
}
