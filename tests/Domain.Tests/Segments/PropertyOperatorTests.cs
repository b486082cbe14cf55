namespace Streaming.Domain.Tests.Segments;

public sealed class PropertyOperatorTests
{
    private const string Traits = """
        {"plan":"Pro","age":42,"score":7.5,"vip":true,"trial":false,"nickname":null,"flagText":"true","ageText":"42",
         "email":"Ada@Example.com","address":{"city":"Paris"},
         "signedUpAt":"2026-06-10T08:00:00Z","renewsAt":"2026-06-20T00:00:00Z","birthday":"1990-06-15","leapDay":"2000-02-29"}
        """;

    private static readonly TestProfile Profile = new TestProfile().Traits(Traits);

    [Theory]
    [InlineData("""{"property":"plan","op":"equals","value":"pro"}""", true)]
    [InlineData("""{"property":"plan","op":"equals","value":"free"}""", false)]
    [InlineData("""{"property":"age","op":"equals","value":42}""", true)]
    [InlineData("""{"property":"ageText","op":"equals","value":42}""", false)]
    [InlineData("""{"property":"vip","op":"equals","value":true}""", true)]
    [InlineData("""{"property":"flagText","op":"equals","value":true}""", false)]
    [InlineData("""{"property":"address.city","op":"equals","value":"PARIS"}""", true)]
    public void Equals_compares_strings_ignoring_case_and_never_coerces_types(string json, bool expected) =>
        Assert.Equal(expected, Profile.Matches(json));

    [Theory]
    [InlineData("""{"property":"plan","op":"notEquals","value":"free"}""", true)]
    [InlineData("""{"property":"plan","op":"notEquals","value":"PRO"}""", false)]
    [InlineData("""{"property":"missing","op":"notEquals","value":"pro"}""", true)]
    [InlineData("""{"property":"nickname","op":"notEquals","value":"pro"}""", true)]
    public void NotEquals_is_the_negation_of_equals_including_missing_values(string json, bool expected) =>
        Assert.Equal(expected, Profile.Matches(json));

    [Theory]
    [InlineData("""{"property":"email","op":"contains","value":"@example"}""", true)]
    [InlineData("""{"property":"email","op":"contains","value":"gmail"}""", false)]
    [InlineData("""{"property":"email","op":"startsWith","value":"ada"}""", true)]
    [InlineData("""{"property":"email","op":"startsWith","value":"bob"}""", false)]
    [InlineData("""{"property":"email","op":"endsWith","value":".COM"}""", true)]
    [InlineData("""{"property":"email","op":"endsWith","value":".org"}""", false)]
    [InlineData("""{"property":"age","op":"contains","value":"4"}""", false)]
    [InlineData("""{"property":"missing","op":"contains","value":""}""", false)]
    public void String_operators_ignore_case_and_apply_to_strings_only(string json, bool expected) =>
        Assert.Equal(expected, Profile.Matches(json));

    [Theory]
    [InlineData("""{"property":"plan","op":"in","values":["free","PRO"]}""", true)]
    [InlineData("""{"property":"plan","op":"in","values":["free","basic"]}""", false)]
    [InlineData("""{"property":"age","op":"in","values":[1,42]}""", true)]
    [InlineData("""{"property":"missing","op":"in","values":["pro"]}""", false)]
    public void In_matches_any_listed_value(string json, bool expected) =>
        Assert.Equal(expected, Profile.Matches(json));

    [Theory]
    [InlineData("""{"property":"age","op":"greaterThan","value":41}""", true)]
    [InlineData("""{"property":"age","op":"greaterThan","value":42}""", false)]
    [InlineData("""{"property":"age","op":"greaterOrEqual","value":42}""", true)]
    [InlineData("""{"property":"age","op":"greaterOrEqual","value":43}""", false)]
    [InlineData("""{"property":"score","op":"lessThan","value":7.6}""", true)]
    [InlineData("""{"property":"score","op":"lessThan","value":7.5}""", false)]
    [InlineData("""{"property":"score","op":"lessOrEqual","value":7.5}""", true)]
    [InlineData("""{"property":"score","op":"lessOrEqual","value":7}""", false)]
    [InlineData("""{"property":"age","op":"between","values":[42,50]}""", true)]
    [InlineData("""{"property":"age","op":"between","values":[30,42]}""", true)]
    [InlineData("""{"property":"age","op":"between","values":[43,50]}""", false)]
    [InlineData("""{"property":"ageText","op":"greaterThan","value":1}""", false)]
    public void Numeric_operators_compare_numbers_with_inclusive_between(string json, bool expected) =>
        Assert.Equal(expected, Profile.Matches(json));

    [Theory]
    [InlineData("""{"property":"plan","op":"exists"}""", true)]
    [InlineData("""{"property":"missing","op":"exists"}""", false)]
    [InlineData("""{"property":"nickname","op":"exists"}""", false)]
    [InlineData("""{"property":"missing","op":"notExists"}""", true)]
    [InlineData("""{"property":"nickname","op":"notExists"}""", true)]
    [InlineData("""{"property":"plan","op":"notExists"}""", false)]
    [InlineData("""{"property":"address.country","op":"exists"}""", false)]
    public void Exists_treats_null_as_missing(string json, bool expected) =>
        Assert.Equal(expected, Profile.Matches(json));

    [Theory]
    [InlineData("""{"property":"vip","op":"isTrue"}""", true)]
    [InlineData("""{"property":"trial","op":"isTrue"}""", false)]
    [InlineData("""{"property":"trial","op":"isFalse"}""", true)]
    [InlineData("""{"property":"vip","op":"isFalse"}""", false)]
    [InlineData("""{"property":"flagText","op":"isTrue"}""", false)]
    [InlineData("""{"property":"missing","op":"isFalse"}""", false)]
    public void Is_true_and_is_false_need_a_json_boolean(string json, bool expected) =>
        Assert.Equal(expected, Profile.Matches(json));

    [Theory]
    [InlineData("""{"property":"signedUpAt","op":"before","value":"2026-06-11"}""", true)]
    [InlineData("""{"property":"signedUpAt","op":"before","value":"2026-06-10T08:00:00Z"}""", false)]
    [InlineData("""{"property":"signedUpAt","op":"after","value":"2026-06-10T07:59:59Z"}""", true)]
    [InlineData("""{"property":"signedUpAt","op":"after","value":"2026-06-10T08:00:00Z"}""", false)]
    [InlineData("""{"property":"signedUpAt","op":"withinLast","days":7}""", true)]
    [InlineData("""{"property":"signedUpAt","op":"withinLast","days":5}""", false)]
    [InlineData("""{"property":"renewsAt","op":"withinLast","days":30}""", false)]
    [InlineData("""{"property":"renewsAt","op":"withinNext","days":5}""", true)]
    [InlineData("""{"property":"renewsAt","op":"withinNext","days":4}""", false)]
    [InlineData("""{"property":"signedUpAt","op":"withinNext","days":30}""", false)]
    [InlineData("""{"property":"birthday","op":"anniversary"}""", true)]
    [InlineData("""{"property":"signedUpAt","op":"anniversary"}""", false)]
    [InlineData("""{"property":"plan","op":"before","value":"2030-01-01"}""", false)]
    public void Date_operators_read_iso_dates_in_utc(string json, bool expected) =>
        Assert.Equal(expected, Profile.Matches(json));

    [Theory]
    [InlineData(2027, 2, 28, true)]
    [InlineData(2027, 3, 1, false)]
    [InlineData(2028, 2, 28, false)]
    [InlineData(2028, 2, 29, true)]
    public void A_leap_day_has_its_anniversary_on_28_February_in_other_years(int year, int month, int day, bool expected) =>
        Assert.Equal(expected, Profile.Matches("""{"property":"leapDay","op":"anniversary"}""", new DateTimeOffset(year, month, day, 10, 0, 0, TimeSpan.Zero)));

    [Fact]
    public void Groups_combine_and_nest()
    {
        Assert.True(Profile.Matches("""{"and":[{"property":"vip","op":"isTrue"},{"or":[{"property":"age","op":"lessThan","value":18},{"property":"plan","op":"equals","value":"pro"}]}]}"""));
        Assert.False(Profile.Matches("""{"and":[{"property":"vip","op":"isTrue"},{"not":{"property":"plan","op":"equals","value":"pro"}}]}"""));
        Assert.True(Profile.Matches("""{"or":[{"property":"missing","op":"exists"},{"not":{"property":"trial","op":"isTrue"}}]}"""));
    }

    [Fact]
    public void Membership_reads_the_other_segments_current_answer()
    {
        var member = new TestProfile().Member("vip");
        Assert.True(member.Matches("""{"segment":"vip"}"""));
        Assert.False(member.Matches("""{"segment":"VIP"}"""));
        Assert.False(new TestProfile().Matches("""{"segment":"vip"}"""));
    }
}
