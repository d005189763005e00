namespace ContentGrains.Core.Simulation;

/// <summary>
/// The simulated audience's comment texts: short plain-English opinions, positive or negative, with the item's topic
/// word put in. Written here (not taken from the classifier's training sentences), so scoring them is a real test of
/// the classifier; it gets some wrong, which the alert detector must live with like real misreadings.
/// </summary>
public static class CommentPhrases
{
    public static IReadOnlyList<string> Positive { get; } =
    [
        "Loved this piece about the {0}, thank you!", "Great read, the part on the {0} was excellent.",
        "Really well written and informative.", "This is the best article on the {0} I have read.",
        "Brilliant, I learned a lot.", "Such a helpful explanation, thanks.", "Wonderful story, I enjoyed every line.",
        "Clear, accurate and fun to read.", "Fantastic work, more like this please.", "I love how this explains the {0}.",
        "Very good points, well done.", "Beautifully put together, a pleasure to read.", "Excellent, I shared it with my friends.",
        "Nice job, this made my day.", "Superb writing about the {0}.", "Amazing, exactly what I was looking for.",
    ];

    public static IReadOnlyList<string> Negative { get; } =
    [
        "Terrible article, the {0} facts are wrong.", "What a waste of time.", "Awful writing, I gave up halfway.",
        "This is misleading and badly researched.", "Boring and far too long.", "Worst piece on the {0} I have seen.",
        "I hate the clickbait headline, very disappointing.", "Poorly written, full of mistakes.", "Useless, nothing new here.",
        "The {0} part is just wrong, very bad.", "Disappointing, I expected much better.", "Horrible, I want my time back.",
        "Sloppy and inaccurate reporting.", "This is rubbish, do better.", "Annoying and pointless article.",
        "Bad take on the {0}, really poor.",
    ];

    /// <summary>A comment of the given sign about <paramref name="topicWord"/>, picked by <paramref name="random"/>.</summary>
    public static string Pick(SimRandom random, bool negative, string topicWord)
    {
        var bank = negative ? Negative : Positive;
        return string.Format(System.Globalization.CultureInfo.InvariantCulture, bank[random.NextInt(bank.Count)], topicWord);
    }
}
