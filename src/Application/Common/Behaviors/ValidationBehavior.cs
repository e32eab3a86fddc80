using FluentValidation;
using Mediator;
using WorkflowDefinitions.Application.Common.Validation;

namespace WorkflowDefinitions.Application.Common.Behaviors;

/// <summary>Runs the message's FluentValidation validators before its handler; any failure becomes a 400.</summary>
public sealed class ValidationBehavior<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(message, cancellationToken);
            if (!result.IsValid)
            {
                throw RequestValidation.ToException(result.Errors);
            }
        }

        return await next(message, cancellationToken);
    }
}
