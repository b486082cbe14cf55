using Microsoft.Extensions.Options;

namespace Streaming.Ingest.Email;

/// <summary>
/// Refuses to start outside Development with a placeholder email token secret: anyone who knows
/// the placeholder could forge click tokens (an open redirect on our domain) and fake opens.
/// </summary>
internal sealed class EmailTokenSecretValidation(IHostEnvironment environment) : IValidateOptions<IngestOptions>
{
    public ValidateOptionsResult Validate(string? name, IngestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!environment.IsDevelopment()
            && options.EmailTokenSecret is { } secret
            && secret.StartsWith(IngestOptions.PlaceholderSecretPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return ValidateOptionsResult.Fail(
                $"Ingest:EmailTokenSecret is a placeholder (\"{IngestOptions.PlaceholderSecretPrefix}...\") in the {environment.EnvironmentName} environment: "
                + "set a random secret of at least 32 characters, or leave it unset to use the one generated and kept in the database.");
        }

        return ValidateOptionsResult.Success;
    }
}
