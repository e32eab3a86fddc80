using Microsoft.Extensions.Options;
using WorkflowDefinitions.Api.Hosting;
using WorkflowDefinitions.Api.Json;

namespace WorkflowDefinitions.Api.FunctionalTests.Json;

/// <summary>How much of large request bodies, and of the documents parsed from them, the process and each organization may hold at once.</summary>
public class RequestBodyBudgetTests
{
    private const int MiB = 1024 * 1024;

    [Test]
    public async Task LargeBodies_BeyondTheOrganizationsShare_WaitUntilOneEnds()
    {
        using var budget = Budget(processBytes: 48 * MiB, organizationBytes: 16 * MiB);
        var held = new List<IDisposable>();
        for (var i = 0; i < 3; i++)
        {
            held.Add(await budget.AdmitAsync("org", 5 * MiB, CancellationToken.None));
        }

        var fourth = budget.AdmitAsync("org", 5 * MiB, CancellationToken.None);
        var otherOrganization = await budget.AdmitAsync("other", 5 * MiB, CancellationToken.None);
        await Task.Delay(100);

        Assert.That(fourth.IsCompleted, Is.False, "the organization's share is taken");
        held[0].Dispose();
        held.Add(await fourth.WaitAsync(TimeSpan.FromSeconds(5)));
        otherOrganization.Dispose();
        held.ForEach(lease => lease.Dispose());
    }

    [Test]
    public async Task LargeBodies_BeyondTheProcessBudget_WaitForAnyOrganization()
    {
        using var budget = Budget(processBytes: 12 * MiB, organizationBytes: 12 * MiB);
        var first = await budget.AdmitAsync("a", 6 * MiB, CancellationToken.None);
        var second = await budget.AdmitAsync("b", 6 * MiB, CancellationToken.None);

        var third = budget.AdmitAsync("c", 6 * MiB, CancellationToken.None);
        await Task.Delay(100);

        Assert.That(third.IsCompleted, Is.False);
        second.Dispose();
        (await third.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
        first.Dispose();
    }

    [Test]
    public async Task SmallBodies_TakeNoRoom()
    {
        using var budget = Budget(processBytes: 6 * MiB, organizationBytes: 6 * MiB);
        using var large = await budget.AdmitAsync("org", 6 * MiB, CancellationToken.None);

        using var small = await budget.AdmitAsync("org", RequestBodyBudget.SmallBodyBytes, CancellationToken.None);

        Assert.Pass("admitted at once");
    }

    [Test]
    public async Task ABodyWithoutDeclaredLength_IsCountedAtTheLargestSize()
    {
        using var budget = Budget(processBytes: 7 * MiB, organizationBytes: 7 * MiB);
        using var unknown = await budget.AdmitAsync("org", declaredLength: null, CancellationToken.None);

        var next = budget.AdmitAsync("org", 2 * MiB, CancellationToken.None);
        await Task.Delay(100);

        Assert.That(next.IsCompleted, Is.False);
    }

    [Test]
    public async Task ABodyThatWaitsTooLong_IsRefusedWith503AndRetryAfter()
    {
        using var budget = Budget(processBytes: 6 * MiB, organizationBytes: 6 * MiB, queueSeconds: 1);
        using var holder = await budget.AdmitAsync("org", 6 * MiB, CancellationToken.None);

        var refused = Assert.ThrowsAsync<RequestBodyException>(() => budget.AdmitAsync("org", 6 * MiB, CancellationToken.None));

        Assert.That(refused!.StatusCode, Is.EqualTo(503));
        Assert.That(refused.RetryAfterSeconds, Is.Positive);
    }

    [Test]
    public async Task AWaitingBody_WhoseClientLeaves_StopsWaiting()
    {
        using var budget = Budget(processBytes: 6 * MiB, organizationBytes: 6 * MiB);
        using var holder = await budget.AdmitAsync("org", 6 * MiB, CancellationToken.None);
        using var abort = new CancellationTokenSource();

        var waiting = budget.AdmitAsync("org", 6 * MiB, abort.Token);
        await abort.CancelAsync();

        Assert.CatchAsync<OperationCanceledException>(() => waiting);
    }

    [Test]
    public async Task ParsedDocuments_OfTokenDenseBodies_WaitForRoom_WhateverTheirSize()
    {
        using var budget = Budget(processBytes: 48 * MiB, organizationBytes: 12 * MiB);
        var tokens = MiB / 4;
        using var first = await budget.AdmitParseAsync("org", tokens, CancellationToken.None);
        using var second = await budget.AdmitParseAsync("org", tokens, CancellationToken.None);

        var third = budget.AdmitParseAsync("org", tokens, CancellationToken.None);
        using var otherOrganization = await budget.AdmitParseAsync("other", tokens, CancellationToken.None);
        await Task.Delay(100);

        Assert.That(third.IsCompleted, Is.False, "two documents of a quarter million tokens (6 MiB of rows, twice) fill the share");
        first.Dispose();
        (await third.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Test]
    public async Task ParsedDocuments_OfOrdinaryBodies_TakeNoRoom()
    {
        using var budget = Budget(processBytes: 6 * MiB, organizationBytes: 6 * MiB);
        using var dense = await budget.AdmitParseAsync("org", 10 * MiB, CancellationToken.None);

        using var flow = await budget.AdmitParseAsync("org", 2_000, CancellationToken.None);

        Assert.Pass("a document of a few thousand tokens is admitted at once");
    }

    [Test]
    public async Task AParsedDocumentLargerThanTheShare_IsAdmittedAlone()
    {
        using var budget = Budget(processBytes: 12 * MiB, organizationBytes: 6 * MiB);
        var capped = await budget.AdmitParseAsync("org", 10 * MiB, CancellationToken.None);

        var next = budget.AdmitParseAsync("org", 10_000, CancellationToken.None);
        await Task.Delay(100);

        Assert.That(next.IsCompleted, Is.False, "it holds its organization's whole share");
        capped.Dispose();
        (await next.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Test]
    public async Task ParsedDocumentsLargerThanTheShare_TakeOfTheProcessBudgetWhatTheyNeed()
    {
        using var budget = Budget(processBytes: 48 * MiB, organizationBytes: 12 * MiB);
        var tokens = MiB;
        var first = await budget.AdmitParseAsync("org-1", tokens, CancellationToken.None);
        using var second = await budget.AdmitParseAsync("org-2", tokens, CancellationToken.None);

        var third = budget.AdmitParseAsync("org-3", tokens, CancellationToken.None);
        await Task.Delay(100);

        Assert.That(third.IsCompleted, Is.False, "two documents of a million tokens (24 MiB of rows each) fill the process's 48 MiB, whichever organizations send them");
        first.Dispose();
        (await third.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Test]
    public async Task ParsedDocuments_DoNotWaitForBodiesBeingRead()
    {
        using var budget = Budget(processBytes: 6 * MiB, organizationBytes: 6 * MiB);
        using var body = await budget.AdmitAsync("org", 6 * MiB, CancellationToken.None);

        using var parse = await budget.AdmitParseAsync("org", MiB / 4, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Pass("a body that holds its bytes can always go on to parse (no request waits on itself)");
    }

    private static RequestBodyBudget Budget(int processBytes, int organizationBytes, int queueSeconds = 30) =>
        new(Options.Create(new RequestLimitsOptions
        {
            BodyBudgetBytes = processBytes,
            BodyBudgetPerOrganizationBytes = organizationBytes,
            BodyQueueSeconds = queueSeconds,
        }));
}
