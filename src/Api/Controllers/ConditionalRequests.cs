using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Common.Preconditions;
using WorkflowDefinitions.Domain.Common;

namespace WorkflowDefinitions.Api.Controllers;

/// <summary>
/// The HTTP side of conditional requests (RFC 9110 §13): entity tags go out in <c>ETag</c>; <c>If-None-Match</c> on a read
/// answers 304 when the client's copy is current; <c>If-Match</c> on a write becomes the command's precondition (the
/// handler checks it against the stored version, 412 when it fails); <c>?dry_run=true</c> becomes the write mode.
/// </summary>
internal static class ConditionalRequests
{
    /// <summary>The resource with its <c>ETag</c>; 304 without a body when <c>If-None-Match</c> names it (weak comparison).</summary>
    public static ActionResult<T> TaggedOrNotModified<T>(this ControllerBase controller, Tagged<T> resource)
    {
        controller.Response.Headers.ETag = resource.Tag.Value;
        var ifNoneMatch = ReadTags(controller.Request, HeaderNames.IfNoneMatch);
        return ifNoneMatch is not null && ifNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Tag.Value == resource.Tag.Value)
            ? controller.StatusCode(StatusCodes.Status304NotModified)
            : resource.Value;
    }

    /// <summary>The resource with its <c>ETag</c>.</summary>
    public static T Tagged<T>(this ControllerBase controller, Tagged<T> resource)
    {
        controller.Response.Headers.ETag = resource.Tag.Value;
        return resource.Value;
    }

    /// <summary>The request's <c>If-Match</c>; null without one.</summary>
    /// <exception cref="InvalidRequestException">The header is not <c>*</c> or a list of entity tags.</exception>
    public static IfMatch? IfMatch(this ControllerBase controller)
    {
        if (ReadTags(controller.Request, HeaderNames.IfMatch) is not { } tags)
        {
            return null;
        }

        return tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any))
            ? Application.Common.Preconditions.IfMatch.Any
            : Application.Common.Preconditions.IfMatch.OneOf([.. tags.Where(tag => !tag.IsWeak).Select(tag => EntityTag.FromHeader(tag.Tag.Value!))]);
    }

    public static WriteMode WriteMode(bool dryRun) => dryRun ? Application.Common.WriteMode.DryRun : Application.Common.WriteMode.Commit;

    /// <summary>The entity tags of a precondition header; null when it is absent.</summary>
    /// <exception cref="InvalidRequestException">The header is not <c>*</c> or a comma-separated list of entity tags.</exception>
    private static IList<EntityTagHeaderValue>? ReadTags(HttpRequest request, string header)
    {
        var values = request.Headers[header];
        if (values.Count == 0)
        {
            return null;
        }

        return EntityTagHeaderValue.TryParseStrictList(values, out var tags) && tags.Count > 0
            ? tags
            : throw new InvalidRequestException([new Violation(header, "must be \"*\" or a list of entity tags", $"{header} must be an entity tag list")]);
    }
}
