using System.Security.Cryptography;
using WorkflowDefinitions.Application.Common;

namespace WorkflowDefinitions.Infrastructure.Identifiers;

/// <summary>Ids drawn from the operating system's cryptographic random source (contract D09).</summary>
public sealed class RandomIdGenerator : IIdGenerator
{
    private const string NanoidAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
    private const int NanoidLength = 21;
    private const string ShortIdAlphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
    private const int WorkflowIdLength = 8;
    private const int ItemIdLength = 7;

    public string NewClosingReasonId() => RandomNumberGenerator.GetString(NanoidAlphabet, NanoidLength);

    public string NewWorkflowId() => NewShortId(WorkflowIdLength);

    public string NewItemId() => NewShortId(ItemIdLength);

    /// <summary><see cref="Guid.NewGuid"/> is a version 4 UUID drawn from the cryptographic random source.</summary>
    public string NewTaskId() => Guid.NewGuid().ToString("D");

    private static string NewShortId(int length)
    {
        while (true)
        {
            var id = RandomNumberGenerator.GetString(ShortIdAlphabet, length);
            if (id.AsSpan().ContainsAnyInRange('a', 'z'))
            {
                return id;
            }
        }
    }
}
