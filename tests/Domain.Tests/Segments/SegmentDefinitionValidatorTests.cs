using Streaming.Domain.Segments.Validation;

namespace Streaming.Domain.Tests.Segments;

public sealed class SegmentDefinitionValidatorTests
{
    private readonly SegmentDefinitionValidator _validator = new();

    [Fact]
    public void A_set_without_cycles_or_unknown_references_is_valid()
    {
        var errors = _validator.Validate([
            ("vip", """{"property":"plan","op":"equals","value":"pro"}"""),
            ("active-vip", """{"and":[{"segment":"vip"},{"event":"Login","within":{"days":7}}]}"""),
            ("lapsed-vip", """{"and":[{"segment":"vip"},{"not":{"segment":"active-vip"}}]}"""),
        ]);
        Assert.Empty(errors);
    }

    [Fact]
    public void A_membership_cycle_is_rejected_with_the_cycle_named()
    {
        var errors = _validator.Validate([
            ("a", """{"segment":"b"}"""),
            ("b", """{"and":[{"property":"x","op":"exists"},{"not":{"segment":"c"}}]}"""),
            ("c", """{"or":[{"segment":"a"},{"event":"Login"}]}"""),
        ]);
        Assert.Equal(["segment 'a' segment: membership cycle: a -> b -> c -> a"], errors.Select(e => e.ToString()));
    }

    [Fact]
    public void A_segment_that_references_itself_is_a_cycle()
    {
        var errors = _validator.Validate([("loop", """{"or":[{"segment":"loop"},{"event":"Login"}]}""")]);
        Assert.Equal(["segment 'loop' segment: membership cycle: loop -> loop"], errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Two_separate_cycles_are_both_reported()
    {
        var errors = _validator.Validate([
            ("a", """{"segment":"b"}"""), ("b", """{"segment":"a"}"""),
            ("x", """{"segment":"y"}"""), ("y", """{"segment":"x"}"""),
        ]);
        Assert.Equal(["membership cycle: a -> b -> a", "membership cycle: x -> y -> x"], errors.Select(e => e.Reason));
    }

    [Fact]
    public void A_reference_to_an_unknown_segment_is_rejected()
    {
        var errors = _validator.Validate([("a", """{"and":[{"segment":"ghost"},{"property":"x","op":"exists"}]}""")]);
        Assert.Equal(["segment 'a' segment: references unknown segment 'ghost'"], errors.Select(e => e.ToString()));
    }

    [Fact]
    public void A_malformed_definition_is_reported_with_its_path_alongside_the_others()
    {
        var errors = _validator.Validate([
            ("good", """{"segment":"bad"}"""),
            ("bad", """{"event":"Login","within":{"days":-1}}"""),
        ]);
        Assert.Equal([
            "segment 'bad' $.within.days: must be between 1 and 400, found -1",
            "segment 'good' segment: references unknown segment 'bad'",
        ], errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Duplicate_ids_are_rejected()
    {
        var errors = _validator.Validate([("a", """{"event":"Login"}"""), ("a", """{"event":"Logout"}""")]);
        Assert.Equal(["segment 'a' id: appears more than once in the set"], errors.Select(e => e.ToString()));
    }
}
