using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.UnitTests.Common;
using WorkflowDefinitions.Application.Workflows;
using static WorkflowDefinitions.Application.UnitTests.Common.UseCases;

namespace WorkflowDefinitions.Application.UnitTests.Workflows;

public class WorkflowQuotaTests : UseCaseTest
{
    [Test]
    public async Task Reservation_DisposedWithoutCompleting_GivesTheSlotBack()
    {
        App.MaxWorkflows = 1;

        await using (await App.Quota().ReserveAsync(Organization, WriteMode.Commit, CancellationToken.None))
        {
            Assert.ThrowsAsync<WorkflowQuotaExceededException>(async () => await App.Quota().ReserveAsync(Organization, WriteMode.Commit, CancellationToken.None));
        }

        await using var again = await App.Quota().ReserveAsync(Organization, WriteMode.Commit, CancellationToken.None);
        Assert.That(again.WorkflowId, Is.Not.Empty);
    }

    [Test]
    public async Task Reservation_Completed_KeepsTheSlot()
    {
        App.MaxWorkflows = 1;

        await using (var reservation = await App.Quota().ReserveAsync(Organization, WriteMode.Commit, CancellationToken.None))
        {
            reservation.Complete();
        }

        Assert.ThrowsAsync<WorkflowQuotaExceededException>(async () => await App.Quota().ReserveAsync(Organization, WriteMode.Commit, CancellationToken.None));
    }

    [Test]
    public async Task Reservation_DisposedTwice_GivesTheSlotBackOnce()
    {
        App.MaxWorkflows = 2;
        await using var kept = await App.Quota().ReserveAsync(Organization, WriteMode.Commit, CancellationToken.None);
        var released = await App.Quota().ReserveAsync(Organization, WriteMode.Commit, CancellationToken.None);

        await released.DisposeAsync();
        await released.DisposeAsync();

        await using var third = await App.Quota().ReserveAsync(Organization, WriteMode.Commit, CancellationToken.None);
        Assert.ThrowsAsync<WorkflowQuotaExceededException>(async () => await App.Quota().ReserveAsync(Organization, WriteMode.Commit, CancellationToken.None));
    }

    [Test]
    public void Reserve_UsesTheOrganizationsMaximum()
    {
        App.MaxWorkflows = 0;

        var exception = Assert.ThrowsAsync<WorkflowQuotaExceededException>(async () => await App.Quota().ReserveAsync(Organization, WriteMode.Commit, CancellationToken.None));

        Assert.That(exception!.Message, Is.EqualTo("Maximum number of workflows reached (0/0)"));
    }
}
