namespace WorkflowDefinitions.Application.UnitTests.Common;

/// <summary>A test of use cases on a fresh SQLite file each (see <see cref="UseCases"/>).</summary>
public abstract class UseCaseTest
{
    private SqliteFixture _sqlite = null!;

    protected UseCases App { get; private set; } = null!;

    [SetUp]
    public async Task StartUseCasesAsync()
    {
        _sqlite = new SqliteFixture();
        App = await UseCases.StartAsync(_sqlite);
    }

    [TearDown]
    public void StopUseCases()
    {
        App.Dispose();
        _sqlite.Dispose();
    }

    /// <summary>With the organization one workflow below its maximum, one more create must succeed: no slot is held.</summary>
    protected async Task AssertNoSlotIsHeldAsync()
    {
        App.Automations.Reset();
        App.MaxWorkflows = await App.WorkflowCountAsync() + 1;
        var created = await App.CreateFlowAsync(TestSupport.FlowSamples.Minimal);
        Assert.That(created["id"]!.GetValue<string>(), Is.Not.Empty, "the quota slot was given back");
    }
}
