using WorkflowDefinitions.Domain.Common;

namespace WorkflowDefinitions.Application.Common;

/// <summary>Exceptions that report a problem with the request (4xx), as opposed to a failure of the service.</summary>
public static class ClientErrors
{
    public static bool IsClientError(Exception exception) => exception is DomainException
        or InvalidRequestException
        or NotFoundException
        or DuplicateIdException
        or ConcurrencyConflictException;
}
