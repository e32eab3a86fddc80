using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using WorkflowDefinitions.Api.Hosting;

namespace WorkflowDefinitions.Api.Json;

/// <summary>
/// The memory large request bodies may take. A body over 64 KiB is read only once its declared length (6 MiB when it
/// declares none) fits into its organization's share and into the process-wide budget; it holds that room until the
/// request ends. Waiting bodies stay unread (Kestrel applies back-pressure), oldest first; one that cannot get room in
/// time is answered 503. Parallel uploads cannot make the process hold more than the budget, and one organization's
/// uploads (slow ones included) cannot take all of it.
/// </summary>
public sealed class RequestBodyBudget : IDisposable
{
    public const int SmallBodyBytes = 64 * 1024;

    /// <summary>What a refused client is told to wait before it tries again.</summary>
    private const int RetryAfterSeconds = 5;

    private readonly ConcurrencyLimiter _process;
    private readonly PartitionedRateLimiter<string> _organizations;
    private readonly TimeSpan _queueTime;

    public RequestBodyBudget(IOptions<RequestLimitsOptions> options)
    {
        var limits = options.Value;
        _queueTime = TimeSpan.FromSeconds(limits.BodyQueueSeconds);
        _process = new ConcurrencyLimiter(Options(limits.BodyBudgetBytes));
        _organizations = PartitionedRateLimiter.Create<string, string>(organization =>
            RateLimitPartition.GetConcurrencyLimiter(organization, _ => Options(limits.BodyBudgetPerOrganizationBytes)));
    }

    /// <summary>Waits for room for a body of <paramref name="declaredLength"/>; the lease gives it back.</summary>
    /// <exception cref="RequestBodyException">No room in time: 503.</exception>
    public async Task<IDisposable> AdmitAsync(string organizationId, long? declaredLength, CancellationToken requestAborted)
    {
        var bytes = (int)Math.Min(declaredLength ?? JsonBodyInputFormatter.MaxBodyBytes, JsonBodyInputFormatter.MaxBodyBytes);
        if (bytes <= SmallBodyBytes)
        {
            return NoLease.Instance;
        }

        using var wait = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        wait.CancelAfter(_queueTime);
        RateLimitLease? organization = null;
        try
        {
            organization = await _organizations.AcquireAsync(organizationId, bytes, wait.Token);
            var process = organization.IsAcquired ? await _process.AcquireAsync(bytes, wait.Token) : null;
            if (process is { IsAcquired: true })
            {
                return new Lease(organization, process);
            }

            process?.Dispose();
        }
        catch (OperationCanceledException) when (!requestAborted.IsCancellationRequested)
        {
            // Waited as long as a body may.
        }

        organization?.Dispose();
        requestAborted.ThrowIfCancellationRequested();
        throw RequestBodyException.Busy(RetryAfterSeconds);
    }

    public void Dispose()
    {
        _process.Dispose();
        _organizations.Dispose();
    }

    private static ConcurrencyLimiterOptions Options(int bytes) => new()
    {
        PermitLimit = bytes,
        QueueLimit = int.MaxValue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    };

    /// <summary>What a small body holds: nothing.</summary>
    private sealed class NoLease : IDisposable
    {
        public static readonly NoLease Instance = new();

        public void Dispose()
        {
        }
    }

    private sealed class Lease(RateLimitLease organization, RateLimitLease process) : IDisposable
    {
        public void Dispose()
        {
            process.Dispose();
            organization.Dispose();
        }
    }
}
