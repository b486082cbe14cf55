namespace Streaming.Ingest.Tracking;

/// <summary>Why a request is refused: the HTTP status, the field (JSON path) and the reason.</summary>
internal sealed record IngestError(int Status, string Field, string Reason)
{
    public static IngestError BadRequest(string field, string reason) => new(StatusCodes.Status400BadRequest, field, reason);

    public static IngestError TooLarge(string field, string reason) => new(StatusCodes.Status413PayloadTooLarge, field, reason);
}

/// <summary>Thrown inside parsing to abandon the whole request; caught by the endpoint, never escapes it.</summary>
internal sealed class IngestRejectedException(IngestError error) : Exception(error.Reason)
{
    public IngestError Error { get; } = error;
}
