using System.Security.Cryptography;
using System.Text;
using WorkflowDefinitions.Application.Common.Preconditions;
using WorkflowDefinitions.Domain.FlowTemplates;

namespace WorkflowDefinitions.Application.FlowTemplates;

/// <summary>
/// Entity tags of flow templates. A flow's representation is its stored state plus the <c>limit_warnings</c> computed
/// with the configured soft limits, so its tag is made from its revision and a fingerprint of those limits: every
/// replica with the same configuration gives the same tag, and a change of the limits changes every flow's tag.
/// </summary>
public sealed class FlowTemplateTags(FlowLimits limits)
{
    private readonly string _limits = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(limits.ToString())))[..8];

    public EntityTag Of(FlowTemplate flow) => EntityTag.Of(flow.Revision, _limits);
}
