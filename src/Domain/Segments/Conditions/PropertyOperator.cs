namespace Streaming.Domain.Segments.Conditions;

/// <summary>What a <see cref="PropertyCondition"/> tests. JSON names are the camel-case names.</summary>
public enum PropertyOperator
{
    Equals,
    NotEquals,
    Contains,
    StartsWith,
    EndsWith,
    In,
    GreaterThan,
    GreaterOrEqual,
    LessThan,
    LessOrEqual,
    Between,
    Exists,
    NotExists,
    IsTrue,
    IsFalse,
    Before,
    After,
    WithinLast,
    WithinNext,
    Anniversary,
}
