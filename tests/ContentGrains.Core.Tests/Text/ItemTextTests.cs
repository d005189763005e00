using ContentGrains.Core.Items;
using ContentGrains.Core.Text;

namespace ContentGrains.Core.Tests.Text;

public sealed class ItemTextTests
{
    private static ItemInfo Item(string? title, string? text) => new(title, text, [], null, null, null, []);

    [Fact]
    public void Title_and_text_on_separate_lines_either_alone_or_nothing()
    {
        Assert.Equal("Mars rover lands\nThe rover touched down.", ItemText.For(Item(" Mars rover lands ", "The rover touched down. ")));
        Assert.Equal("Mars rover lands", ItemText.For(Item("Mars rover lands", "  ")));
        Assert.Equal("Only text", ItemText.For(Item(null, "Only text")));
        Assert.Null(ItemText.For(Item("", null)));
    }

    [Fact]
    public void Long_bodies_are_cut_to_the_encoder_s_reach_without_splitting_a_surrogate_pair()
    {
        var cut = ItemText.For(Item("T", new string('x', 5_000)))!;
        Assert.Equal(ItemText.MaxCharacters, cut.Length);
        Assert.StartsWith("T\nxxx", cut);

        var emoji = ItemText.For(Item(null, new string('a', ItemText.MaxCharacters - 1) + "😀 tail"))!;
        Assert.Equal(ItemText.MaxCharacters - 1, emoji.Length); // the pair straddled the limit: both halves dropped
    }

    [Fact]
    public void The_hash_is_the_first_eight_bytes_of_SHA256_and_changes_with_the_text()
    {
        // SHA-256("abc") = ba7816bf 8f01cfea …; read little-endian: 0xeacf018fbf1678ba.
        Assert.Equal(unchecked((long)0xeacf018fbf1678baUL), ItemText.Hash("abc"));
        Assert.NotEqual(ItemText.Hash("abc"), ItemText.Hash("abd"));
    }
}
