namespace Streaming.Platform.Contracts.Events;

/// <summary>
/// A domain event: a record whose <see cref="TypeName"/> is stored with it and never changes
/// (rename the record freely; renaming the name orphans every stored event of it). Register a new
/// one in <see cref="DomainEventRegistry"/> and <see cref="DomainEventJsonContext"/>, and pin its JSON
/// in the contract test.
/// </summary>
public interface IDomainEvent
{
    /// <summary>The stable stored name, <c>area.past_tense_verb</c> (for example <c>profile.identified</c>).</summary>
    static abstract string TypeName { get; }
}
