namespace Streaming.Platform.Security.Keys;

/// <summary>Finds the active key a caller presented (secret or write key); null when it is unknown or revoked.</summary>
public interface IApiKeyDirectory
{
    ValueTask<ApiKeyIdentity?> FindAsync(string presentedKey, CancellationToken cancellationToken);
}
