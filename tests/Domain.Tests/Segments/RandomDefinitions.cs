using System.Globalization;
using Streaming.Domain.Segments.Conditions;

namespace Streaming.Domain.Tests.Segments;

/// <summary>Random segment definitions over the traits and events <see cref="RandomizedEvaluationTests"/> generates.</summary>
internal sealed class RandomDefinitions(Random random, DateTimeOffset start)
{
    public static readonly string[] EventNames = ["Order Completed", "Login", "Page Viewed"];
    public static readonly string[] Plans = ["pro", "Pro", "free", "team", "PRO-trial"];
    public static readonly string[] Categories = ["books", "Books", "toys", "garden"];
    public static readonly string[] Campaigns = ["summer", "Winter", "spring"];

    public SegmentCondition Next(int index, int depth = 0)
    {
        var roll = random.Next(depth >= 2 ? 6 : 10);
        return roll switch
        {
            < 3 => Property(),
            < 5 => Event(),
            5 => index > 0 ? new MembershipCondition($"s{random.Next(index)}") : Property(),
            6 or 7 => new AllOf(Children(index, depth)),
            8 => new AnyOf(Children(index, depth)),
            _ => new NotCondition(Next(index, depth + 1)),
        };
    }

    private ValueList<SegmentCondition> Children(int index, int depth) =>
        new(Enumerable.Range(0, random.Next(1, 4)).Select(_ => Next(index, depth + 1)));

    private PropertyCondition Property() => random.Next(6) switch
    {
        0 => random.Next(4) switch
        {
            0 => new("plan", PropertyOperator.Equals, Text(Plans)),
            1 => new("plan", PropertyOperator.NotEquals, Text(Plans)),
            2 => new("plan", PropertyOperator.In, Values: ValueList.Of(Text(Plans), Text(Plans))),
            _ => new("plan", Pick(PropertyOperator.Contains, PropertyOperator.StartsWith, PropertyOperator.EndsWith), ConditionValue.Of(Pick("pro", "PR", "o", "trial", "ea"))),
        },
        1 => random.Next(3) switch
        {
            0 => new("age", Pick(PropertyOperator.GreaterThan, PropertyOperator.GreaterOrEqual, PropertyOperator.LessThan, PropertyOperator.LessOrEqual, PropertyOperator.Equals), ConditionValue.Of((double)random.Next(0, 80))),
            1 => Between("age", random.Next(0, 60), random.Next(0, 30)),
            _ => new("age", Pick(PropertyOperator.Exists, PropertyOperator.NotExists)),
        },
        2 => new("vip", Pick(PropertyOperator.IsTrue, PropertyOperator.IsFalse, PropertyOperator.Exists, PropertyOperator.NotExists)),
        3 => new("address.city", Pick(PropertyOperator.Equals, PropertyOperator.NotEquals), Text(["paris", "Lyon", "ROME"])),
        4 => random.Next(3) switch
        {
            0 => new("signedUpAt", Pick(PropertyOperator.Before, PropertyOperator.After), ConditionValue.Of(Date(start.AddHours(random.Next(-24 * 60, 24 * 30))))),
            1 => new("signedUpAt", PropertyOperator.WithinLast, Days: random.Next(1, 40)),
            _ => new("renewsAt", PropertyOperator.WithinNext, Days: random.Next(1, 40)),
        },
        _ => new("birthday", PropertyOperator.Anniversary),
    };

    private EventCondition Event()
    {
        var filters = Enumerable.Range(0, random.Next(0, 3)).Select(_ => Filter()).ToList();
        var window = random.Next(4) switch
        {
            0 => EventWindow.Ever,
            1 => EventWindow.LastDays(random.Next(1, 31)),
            2 => EventWindow.LastHours(random.Next(1, 73)),
            _ => Range(),
        };
        CountRule? count = null;
        EventAggregate? aggregate = null;
        switch (random.Next(3))
        {
            case 0:
                count = new CountRule(Pick(CountComparison.AtLeast, CountComparison.AtMost, CountComparison.Exactly), random.Next(1, 4));
                break;
            case 1:
                aggregate = new EventAggregate(Pick(AggregateFunction.Sum, AggregateFunction.Avg, AggregateFunction.Min, AggregateFunction.Max), "value",
                    Pick(PropertyOperator.Equals, PropertyOperator.GreaterThan, PropertyOperator.GreaterOrEqual, PropertyOperator.LessThan, PropertyOperator.LessOrEqual),
                    random.Next(0, 60) * 5);
                break;
            default:
                break;
        }
        return new EventCondition(Pick(EventNames), random.Next(4) > 0, new ValueList<PropertyCondition>(filters), count, aggregate, window);
    }

    private PropertyCondition Filter() => random.Next(5) switch
    {
        0 => new("category", PropertyOperator.Equals, Text(Categories)),
        1 => new("category", PropertyOperator.In, Values: ValueList.Of(Text(Categories), Text(Categories))),
        2 => new("value", Pick(PropertyOperator.GreaterThan, PropertyOperator.LessOrEqual), ConditionValue.Of((double)random.Next(0, 200))),
        3 => new("context.campaign.name", Pick(PropertyOperator.Equals, PropertyOperator.NotEquals), Text(Campaigns)),
        _ => Between("value", random.Next(0, 150), random.Next(0, 100)),
    };

    private EventWindow Range()
    {
        var from = DateOnly.FromDateTime(start.UtcDateTime).AddDays(random.Next(-40, 20));
        return EventWindow.Between(from, from.AddDays(random.Next(0, 15)));
    }

    private static PropertyCondition Between(string path, int low, int width) =>
        new(path, PropertyOperator.Between, Values: ValueList.Of(ConditionValue.Of((double)low), ConditionValue.Of((double)(low + width))));

    private ConditionValue Text(string[] options) => ConditionValue.Of(Pick(options));

    private T Pick<T>(params T[] options) => options[random.Next(options.Length)];

    private static string Date(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
