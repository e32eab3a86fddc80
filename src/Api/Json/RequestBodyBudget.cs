using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using WorkflowDefinitions.Api.Errors;
using WorkflowDefinitions.Api.Hosting;

namespace WorkflowDefinitions.Api.Json;

/// <summary>
/// The memory large request bodies, and the large answers of reads, may take, in three budgets of the same size. A body
/// over 64 KiB is read only once its declared length (6 MiB when it declares none) fits into its organization's share
/// and into the process-wide budget; it holds that room until the request ends. It then needs room of its own in the second budget to be parsed and
/// processed: the parser keeps a 12-byte row per token in a buffer that doubles as it fills, so a body of brackets takes
/// twelve times its size and more, while a body of long strings takes next to nothing; and while the request runs it
/// holds up to three more copies of a large body's bytes (its normalized text, and two at a time of the texts hashed,
/// the revision's text and the answer). The process's budget counts both; an organization's share counts the rows (a
/// document larger than the share takes it whole), so that one organization's large ordinary bodies are still processed
/// side by side on every core. Waiting bodies stay unread (Kestrel applies back-pressure), oldest first; one that cannot
/// get room in time is answered 503. Parallel uploads cannot make the process hold more than the budgets, and one
/// organization's uploads (slow ones included) cannot take all of them. A request waiting for room to be processed holds
/// only room to read, which no request waits for once it has it. The third budget holds the stored documents that GET
/// answers keep until their clients have taken them (see <see cref="AdmitAnswerAsync"/>).
/// </summary>
public sealed class RequestBodyBudget : IDisposable
{
    public const int SmallBodyBytes = 64 * 1024;

    /// <summary>What a parsed token takes: its 12-byte row, and as much again for the buffer the rows outgrew.</summary>
    public const int ParsedBytesPerToken = 2 * 12;

    /// <summary>
    /// The copies of a large body's bytes its request holds at once (listed above; a 6 MiB create allocated five arrays
    /// of about the body's size besides the body and the rows, at most three held at once).
    /// </summary>
    private const int ProcessedBytesPerBodyByte = 3;

    /// <summary>
    /// Bytes of answers that may wait for room, per byte of room: waiting answers hold their documents as well, so they
    /// are bounded, but a client that reads a few large flows at once and fast is served in turn rather than refused.
    /// </summary>
    private const int AnswersQueuedPerHeld = 4;

    /// <summary>What a refused client is told to wait before it tries again.</summary>
    private const int RetryAfterSeconds = 5;

    private readonly Room _bodies;
    private readonly Room _documents;
    private readonly Room _answers;
    private readonly int _organizationShare;
    private readonly int _processBudget;
    private readonly TimeSpan _queueTime;

    public RequestBodyBudget(IOptions<RequestLimitsOptions> options)
    {
        var limits = options.Value;
        _queueTime = TimeSpan.FromSeconds(limits.BodyQueueSeconds);
        _organizationShare = limits.BodyBudgetPerOrganizationBytes;
        _processBudget = limits.BodyBudgetBytes;
        _bodies = new Room(limits, queuedPerHeld: null, ErrorMessages.BodyBudgetExhausted);
        _documents = new Room(limits, queuedPerHeld: null, ErrorMessages.BodyBudgetExhausted);
        _answers = new Room(limits, AnswersQueuedPerHeld, ErrorMessages.AnswerBudgetExhausted);
    }

    /// <summary>Waits for room to read a body of <paramref name="declaredLength"/>; the lease gives it back.</summary>
    /// <exception cref="RequestBodyException">No room in time: 503.</exception>
    public Task<IDisposable> AdmitAsync(string organizationId, long? declaredLength, CancellationToken requestAborted)
    {
        var bytes = (int)Math.Min(declaredLength ?? JsonBodyInputFormatter.MaxBodyBytes, JsonBodyInputFormatter.MaxBodyBytes);
        return AcquireAsync(_bodies, organizationId, bytes, bytes, requestAborted);
    }

    /// <summary>
    /// Waits for room to parse and process a body of <paramref name="bodyBytes"/> holding <paramref name="tokens"/>; the
    /// lease gives it back. The organization's share is charged the rows (at most the whole share), the process's budget
    /// the rows and, for a body over 64 KiB, its copies (at most the whole budget), so that documents of many
    /// organizations together never take more than the budget.
    /// </summary>
    /// <exception cref="RequestBodyException">No room in time: 503.</exception>
    public Task<IDisposable> AdmitParseAsync(string organizationId, int tokens, int bodyBytes, CancellationToken requestAborted)
    {
        var rows = (long)tokens * ParsedBytesPerToken;
        var processed = rows + (bodyBytes > SmallBodyBytes ? (long)bodyBytes * ProcessedBytesPerBodyByte : 0);
        return AcquireAsync(_documents, organizationId, (int)Math.Min(rows, _organizationShare), (int)Math.Min(processed, _processBudget), requestAborted);
    }

    /// <summary>
    /// Waits for room to send an answer to a read that holds <paramref name="bytes"/> of a stored document until the client
    /// has taken it (a slow client holds it long); the lease gives it back. Four times as many bytes as the budget, and as
    /// the share, may wait — they hold their documents too —, and an answer beyond them is refused at once (503).
    /// </summary>
    /// <exception cref="RequestBodyException">No room in time, or too many waiting: 503.</exception>
    public Task<IDisposable> AdmitAnswerAsync(string organizationId, long bytes, CancellationToken requestAborted) =>
        AcquireAsync(_answers, organizationId, (int)Math.Min(bytes, _organizationShare), (int)Math.Min(bytes, _processBudget), requestAborted);

    public void Dispose()
    {
        _bodies.Dispose();
        _documents.Dispose();
        _answers.Dispose();
    }

    private Task<IDisposable> AcquireAsync(Room room, string organizationId, int organizationBytes, int processBytes, CancellationToken requestAborted) =>
        processBytes <= SmallBodyBytes ? NoLease.Admitted : WaitAsync(room, organizationId, organizationBytes, processBytes, requestAborted);

    private async Task<IDisposable> WaitAsync(Room room, string organizationId, int organizationBytes, int processBytes, CancellationToken requestAborted)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        wait.CancelAfter(_queueTime);
        RateLimitLease? organization = null;
        try
        {
            organization = await room.Organizations.AcquireAsync(organizationId, organizationBytes, wait.Token);
            var process = organization.IsAcquired ? await room.Process.AcquireAsync(processBytes, wait.Token) : null;
            if (process is { IsAcquired: true })
            {
                return new Lease(organization, process);
            }

            process?.Dispose();
        }
        catch (OperationCanceledException) when (!requestAborted.IsCancellationRequested)
        {
            // Waited as long as a request may.
        }

        organization?.Dispose();
        requestAborted.ThrowIfCancellationRequested();
        throw RequestBodyException.Busy(room.BusyMessage, RetryAfterSeconds);
    }

    /// <summary>
    /// One budget: the process's bytes, and each organization's share of them; how many bytes may wait for room in each
    /// (any number, or <paramref name="queuedPerHeld"/> times as many as it holds), and what a request that gets none in
    /// time is told.
    /// </summary>
    private sealed class Room(RequestLimitsOptions limits, int? queuedPerHeld, string busyMessage) : IDisposable
    {
        public ConcurrencyLimiter Process { get; } = new(Options(limits.BodyBudgetBytes, queuedPerHeld));

        public PartitionedRateLimiter<string> Organizations { get; } = PartitionedRateLimiter.Create<string, string>(organization =>
            RateLimitPartition.GetConcurrencyLimiter(organization, _ => Options(limits.BodyBudgetPerOrganizationBytes, queuedPerHeld)));

        public string BusyMessage { get; } = busyMessage;

        public void Dispose()
        {
            Process.Dispose();
            Organizations.Dispose();
        }

        private static ConcurrencyLimiterOptions Options(int bytes, int? queuedPerHeld) => new()
        {
            PermitLimit = bytes,
            QueueLimit = queuedPerHeld is { } factor ? (int)Math.Min((long)bytes * factor, int.MaxValue) : int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        };
    }

    /// <summary>What a small body holds: nothing.</summary>
    private sealed class NoLease : IDisposable
    {
        public static readonly Task<IDisposable> Admitted = Task.FromResult<IDisposable>(new NoLease());

        public void Dispose()
        {
        }
    }

    /// <summary>Room held in both limiters; given back once, however often it is disposed.</summary>
    private sealed class Lease(RateLimitLease organization, RateLimitLease process) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                process.Dispose();
                organization.Dispose();
            }
        }
    }
}
