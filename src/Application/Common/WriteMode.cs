namespace WorkflowDefinitions.Application.Common;

/// <summary>
/// Whether a write request changes anything (<c>?dry_run=true</c>): a dry run goes the whole way of the write — the same
/// checks, the same answer — but reserves no quota slot, creates or changes no automation and stores nothing.
/// </summary>
public enum WriteMode
{
    Commit,
    DryRun,
}
