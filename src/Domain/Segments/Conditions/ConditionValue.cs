using System.Globalization;

namespace Streaming.Domain.Segments.Conditions;

/// <summary>A literal in a condition: a string, a number or a boolean.</summary>
public readonly record struct ConditionValue
{
    private ConditionValue(ConditionValueKind kind, string? text, double number, bool flag)
    {
        Kind = kind;
        Text = text;
        Number = number;
        Flag = flag;
    }

    public ConditionValueKind Kind { get; }

    /// <summary>The string when <see cref="Kind"/> is <see cref="ConditionValueKind.Text"/>.</summary>
    public string? Text { get; }

    public double Number { get; }

    public bool Flag { get; }

    public static ConditionValue Of(string text) => new(ConditionValueKind.Text, text, 0, false);

    public static ConditionValue Of(double number) => new(ConditionValueKind.Number, null, number, false);

    public static ConditionValue Of(bool flag) => new(ConditionValueKind.Boolean, null, 0, flag);

    public override string ToString() => Kind switch
    {
        ConditionValueKind.Text => Text!,
        ConditionValueKind.Number => Number.ToString(CultureInfo.InvariantCulture),
        _ => Flag ? "true" : "false",
    };
}
