using System.Security.Cryptography;
using WorkflowDefinitions.Application.Common;

namespace WorkflowDefinitions.Infrastructure.Identifiers;

/// <summary>Ids drawn from the operating system's cryptographic random source (contract D09).</summary>
public sealed class RandomIdGenerator : IIdGenerator
{
    private const string NanoidAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
    private const int NanoidLength = 21;

    public string NewClosingReasonId() => RandomNumberGenerator.GetString(NanoidAlphabet, NanoidLength);
}
