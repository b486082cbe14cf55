using System.Security.Cryptography;
using System.Text;
using Streaming.Processors.Identity;

namespace Streaming.Processors.Store;

/// <summary>How a suppressed identifier is stored: a hash, so the suppression list holds no personal data.</summary>
public static class SuppressionHash
{
    public static byte[] Of(string tenantId, Identifier id) =>
        SHA256.HashData(Encoding.UTF8.GetBytes($"{tenantId}\n{Identifier.KindName(id.Kind)}\n{id.Value}"));
}
