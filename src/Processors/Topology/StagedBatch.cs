namespace Streaming.Processors.Topology;

/// <summary>A batch applied and ready to commit: its unit of work holds the prepared writes.</summary>
public sealed class StagedBatch(IProfileBatch unit, BatchResult result) : IAsyncDisposable
{
    public BatchResult Result => result;

    /// <summary>Writes and commits; the unit of work ends either way.</summary>
    public async Task<BatchResult> CommitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await unit.CommitAsync(cancellationToken);
            return result;
        }
        finally
        {
            await unit.DisposeAsync();
        }
    }

    /// <summary>Abandons the batch if it was not committed (its transaction rolls back).</summary>
    public ValueTask DisposeAsync() => unit.DisposeAsync();
}
