using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Domain.Organizations;

namespace WorkflowDefinitions.Api.Json;

/// <summary>
/// The answers' room of the <see cref="RequestBodyBudget"/>, taken by a read before it reads a large document and held
/// until the request's response is done, however it ends (sent, 304, an error): the response gives the room back, and
/// disposes what a read holds until then.
/// </summary>
public sealed class ResponseAnswerRoom(RequestBodyBudget budget, IHttpContextAccessor http) : IAnswerRoom
{
    public async Task<IDisposable> TakeAsync(OrganizationId organizationId, long bytes, CancellationToken cancellationToken)
    {
        var response = Response();
        var room = await budget.AdmitAnswerAsync(organizationId.Value, bytes, cancellationToken);
        response.RegisterForDispose(room);
        return room;
    }

    public void HoldUntilSent(IDisposable held) => Response().RegisterForDispose(held);

    private HttpResponse Response() =>
        http.HttpContext?.Response ?? throw new InvalidOperationException("Room for an answer is taken by a request.");
}
