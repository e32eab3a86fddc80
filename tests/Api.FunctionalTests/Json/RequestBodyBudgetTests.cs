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
        using var first = await budget.AdmitParseAsync("org", tokens, bodyBytes: MiB, CancellationToken.None);
        using var second = await budget.AdmitParseAsync("org", tokens, bodyBytes: MiB, CancellationToken.None);

        var third = budget.AdmitParseAsync("org", tokens, bodyBytes: MiB, CancellationToken.None);
        using var otherOrganization = await budget.AdmitParseAsync("other", tokens, bodyBytes: MiB, CancellationToken.None);
        await Task.Delay(100);

        Assert.That(third.IsCompleted, Is.False, "two documents of a quarter million tokens (6 MiB of rows, twice) fill the share");
        first.Dispose();
        (await third.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Test]
    public async Task ParsedDocuments_OfOrdinaryBodies_TakeNoRoom()
    {
        using var budget = Budget(processBytes: 6 * MiB, organizationBytes: 6 * MiB);
        using var dense = await budget.AdmitParseAsync("org", 10 * MiB, bodyBytes: 6 * MiB, CancellationToken.None);

        using var flow = await budget.AdmitParseAsync("org", 2_000, bodyBytes: 64 * 1024, CancellationToken.None);

        Assert.Pass("a body of up to 64 KiB and a few thousand tokens is admitted at once");
    }

    [Test]
    public async Task AParsedDocumentLargerThanTheShare_IsAdmittedAlone()
    {
        using var budget = Budget(processBytes: 12 * MiB, organizationBytes: 6 * MiB);
        var capped = await budget.AdmitParseAsync("org", 10 * MiB, bodyBytes: 6 * MiB, CancellationToken.None);

        var next = budget.AdmitParseAsync("org", 10_000, bodyBytes: 60 * 1024, CancellationToken.None);
        await Task.Delay(100);

        Assert.That(next.IsCompleted, Is.False, "it holds its organization's whole share");
        capped.Dispose();
        (await next.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Test]
    public async Task ParsedDocumentsOfManyOrganizations_TakeOfTheProcessBudgetTheirRowsAndCopies()
    {
        using var budget = Budget(processBytes: 48 * MiB, organizationBytes: 12 * MiB);
        var tokens = MiB / 2;
        var held = new List<IDisposable>();
        for (var organization = 1; organization <= 3; organization++)
        {
            held.Add(await budget.AdmitParseAsync($"org-{organization}", tokens, bodyBytes: MiB, CancellationToken.None));
        }

        var fourth = budget.AdmitParseAsync("org-4", tokens, bodyBytes: MiB, CancellationToken.None);
        await Task.Delay(100);

        Assert.That(fourth.IsCompleted, Is.False,
            "three documents of half a million tokens (12 MiB of rows, each its organization's whole share, and 3 MiB of copies) leave no room for a fourth");
        held[0].Dispose();
        (await fourth.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
        held.Skip(1).ToList().ForEach(lease => lease.Dispose());
    }

    [Test]
    public async Task LargeBodies_TakeRoomForTheirCopies_InTheProcessBudgetOnly()
    {
        using var budget = Budget(processBytes: 48 * MiB, organizationBytes: 12 * MiB);
        var first = await budget.AdmitParseAsync("org", 1_000, bodyBytes: 6 * MiB, CancellationToken.None);
        using var second = await budget.AdmitParseAsync("org", 1_000, bodyBytes: 6 * MiB, CancellationToken.None);

        var third = budget.AdmitParseAsync("other", 1_000, bodyBytes: 6 * MiB, CancellationToken.None);
        await Task.Delay(100);

        Assert.That(third.IsCompleted, Is.False,
            "two 6 MiB bodies of long strings (18 MiB of copies each) leave less than a third's room; one organization may process both at once");
        first.Dispose();
        (await third.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Test]
    public async Task ATokenDenseBodyOfSixMebibytes_IsProcessedAlone()
    {
        using var budget = Budget(processBytes: 48 * MiB, organizationBytes: 12 * MiB);
        var dense = await budget.AdmitParseAsync("org-1", 968_005, bodyBytes: 6 * MiB, CancellationToken.None);

        var next = budget.AdmitParseAsync("org-2", 968_005, bodyBytes: 6 * MiB, CancellationToken.None);
        await Task.Delay(100);

        Assert.That(next.IsCompleted, Is.False, "its rows (23 MB) and copies (18 MiB) leave no room for another");
        dense.Dispose();
        (await next.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Test]
    public async Task ParsedDocuments_DoNotWaitForBodiesBeingRead()
    {
        using var budget = Budget(processBytes: 6 * MiB, organizationBytes: 6 * MiB);
        using var body = await budget.AdmitAsync("org", 6 * MiB, CancellationToken.None);

        using var parse = await budget.AdmitParseAsync("org", MiB / 4, bodyBytes: 6 * MiB, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Pass("a body that holds its bytes can always go on to parse (no request waits on itself)");
    }

    [Test]
    public async Task LargeAnswers_BeyondTheShare_Wait_AndBeyondFourSharesWaiting_AreRefusedAtOnce()
    {
        using var budget = Budget(processBytes: 48 * MiB, organizationBytes: 12 * MiB);
        var sent = new[] { await budget.AdmitAnswerAsync("org", 6 * MiB, CancellationToken.None), await budget.AdmitAnswerAsync("org", 6 * MiB, CancellationToken.None) };
        var waiting = Enumerable.Range(0, 8).Select(_ => budget.AdmitAnswerAsync("org", 6 * MiB, CancellationToken.None)).ToList();

        var refused = Assert.ThrowsAsync<RequestBodyException>(() => budget.AdmitAnswerAsync("org", 6 * MiB, CancellationToken.None));
        using var otherOrganization = await budget.AdmitAnswerAsync("other", 6 * MiB, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.That(refused!.StatusCode, Is.EqualTo(503));
        Assert.That(waiting.Any(wait => wait.IsCompleted), Is.False, "eight answers of 6 MiB wait: four times the share");
        sent[0].Dispose();
        (await waiting[0].WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
        sent[1].Dispose();
        foreach (var wait in waiting.Skip(1))
        {
            (await wait.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
        }
    }

    [Test]
    public async Task SmallAnswers_TakeNoRoom()
    {
        using var budget = Budget(processBytes: 6 * MiB, organizationBytes: 6 * MiB);
        using var large = await budget.AdmitAnswerAsync("org", 6 * MiB, CancellationToken.None);

        using var small = await budget.AdmitAnswerAsync("org", 64 * 1024, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Pass("an answer holding up to 64 KiB is sent at once");
    }

    private static RequestBodyBudget Budget(int processBytes, int organizationBytes, int queueSeconds = 30) =>
        new(Options.Create(new RequestLimitsOptions
        {
            BodyBudgetBytes = processBytes,
            BodyBudgetPerOrganizationBytes = organizationBytes,
            BodyQueueSeconds = queueSeconds,
        }));
}
