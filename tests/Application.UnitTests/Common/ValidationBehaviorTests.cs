using System.Runtime.CompilerServices;
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

    /// <summary>
    /// Contract D08: the operations whose contract answers 404 for any unknown id, even one of invalid syntax. Their handlers
    /// look nothing up for such an id (tested with each handler); every other path id is checked by a validator (400).
    /// </summary>
    private static readonly string[] NotFoundForInvalidIds =
    [
        "DeleteFlowTemplateCommand", "ExportFlowTemplateQuery", "DeleteDefinitionCommand", "GetWorkflowClosingReasonsQuery", "DeleteClosingReasonCommand",
    ];

    [Test]
    public void EveryMessage_CarryingAPathId_RefusesAnInvalidOne_WithItsParameterName()
    {
        var assembly = typeof(DependencyInjection).Assembly;
        var messages = assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IMessage).IsAssignableFrom(t))
            .Select(t => (Type: t, PathId: new[] { "FlowId", "DefinitionId", "ReasonId" }.Select(t.GetProperty).SingleOrDefault(p => p is not null)))
            .Where(m => m.PathId is not null)
            .ToList();
        var validators = assembly.GetTypes()
            .Where(t => t.BaseType is { IsGenericType: true } b && b.GetGenericTypeDefinition() == typeof(AbstractValidator<>))
            .ToDictionary(t => t.BaseType!.GetGenericArguments()[0]);

        Assert.That(messages, Has.Count.EqualTo(14 + 8), "the contract's 14 operations with an id in their path, and the 8 revision operations");
        Assert.Multiple(() =>
        {
            foreach (var (type, pathId) in messages.Where(m => !NotFoundForInvalidIds.Contains(m.Type.Name)))
            {
                Assert.That(validators.ContainsKey(type), Is.True, $"{type.Name} has a validator");
                if (!validators.TryGetValue(type, out var validatorType))
                {
                    continue;
                }

                var message = RuntimeHelpers.GetUninitializedObject(type);
                pathId!.SetValue(message, "not a valid id");
                var context = (IValidationContext)Activator.CreateInstance(typeof(ValidationContext<>).MakeGenericType(type), message)!;
                var failures = ((IValidator)Activator.CreateInstance(validatorType)!).Validate(context).Errors;
                var parameter = char.ToLowerInvariant(pathId.Name[0]) + pathId.Name[1..];
                Assert.That(failures.Select(f => f.PropertyName), Does.Contain(parameter), $"{type.Name} refuses an invalid {parameter}");
            }

            foreach (var name in NotFoundForInvalidIds)
            {
                Assert.That(messages.Select(m => m.Type.Name), Does.Contain(name));
                Assert.That(validators.Keys.Select(t => t.Name), Does.Not.Contain(name), $"{name} answers 404, not 400");
            }
        });
    }
}
