namespace Streaming.Platform.Contracts.Limits;

/// <summary>A rule an event breaks: the field (a JSON path such as <c>batch[3].properties.total</c>) and why.</summary>
public sealed record ContractViolation(string Field, string Reason)
{
    /// <summary>The violation with <paramref name="prefix"/> (a batch item's path, <c>batch[3].</c>) before the field.</summary>
    public ContractViolation Under(string prefix) => prefix.Length == 0 ? this : this with { Field = prefix + Field };

    public override string ToString() => $"{Field}: {Reason}";
}
