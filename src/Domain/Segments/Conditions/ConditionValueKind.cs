namespace Streaming.Domain.Segments.Conditions;

public enum ConditionValueKind
{
    Text,
    Number,
    Boolean,
}
