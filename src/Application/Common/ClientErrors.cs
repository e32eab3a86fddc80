using WorkflowDefinitions.Domain.Common;

namespace WorkflowDefinitions.Application.Common;

/// <summary>What the client got wrong; the HTTP layer answers 400, 404, 409, 410 and 412 for them.</summary>
public enum ClientError
{
    BadRequest,
    NotFound,
    Conflict,
    PreconditionFailed,
    Gone,
}

/// <summary>
/// The one place that decides which exceptions report a problem with the request (4xx) rather than a failure of the
/// service (500): the error map answers with it, and traces mark only service failures as errors.
/// </summary>
public static class ClientErrors
{
    /// <summary>The client's error the exception reports, or null when it is a failure of the service.</summary>
    public static ClientError? Classify(Exception exception) => exception switch
    {
        DomainException or InvalidRequestException or DuplicateIdException => ClientError.BadRequest,
        NotFoundException => ClientError.NotFound,
        ConcurrencyConflictException => ClientError.Conflict,
        Preconditions.PreconditionFailedException => ClientError.PreconditionFailed,
        Workflows.History.ChangeCursorExpiredException => ClientError.Gone,
        _ => null,
    };

    public static bool IsClientError(Exception exception) => Classify(exception) is not null;
}
