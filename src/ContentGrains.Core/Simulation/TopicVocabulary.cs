namespace ContentGrains.Core.Simulation;

/// <summary>
/// The simulated world's topics: a tag and a few plain English words each. Titles and texts are made of these words,
/// so a sentence encoder (MiniLM) sees the same topic signal the tags carry, and a text-only model has something to learn.
/// </summary>
public static class TopicVocabulary
{
    public sealed record Topic(string Tag, IReadOnlyList<string> Words);

    public static IReadOnlyList<Topic> Topics { get; } =
    [
        new("astronomy", ["telescope", "galaxy", "planet", "comet", "nebula", "orbit", "stars", "eclipse"]),
        new("cooking", ["recipe", "kitchen", "pasta", "oven", "spices", "dinner", "baking", "soup"]),
        new("football", ["goal", "striker", "league", "match", "penalty", "stadium", "coach", "derby"]),
        new("finance", ["stocks", "market", "interest", "bank", "inflation", "savings", "bonds", "budget"]),
        new("gardening", ["roses", "compost", "seeds", "garden", "tomatoes", "pruning", "soil", "greenhouse"]),
        new("music", ["guitar", "concert", "album", "singer", "melody", "orchestra", "jazz", "chorus"]),
        new("travel", ["island", "flight", "hotel", "beach", "passport", "mountains", "journey", "harbour"]),
        new("technology", ["software", "smartphone", "laptop", "robot", "chip", "internet", "startup", "gadget"]),
        new("health", ["fitness", "sleep", "nutrition", "doctor", "vitamins", "running", "heart", "yoga"]),
        new("politics", ["election", "parliament", "minister", "vote", "campaign", "senate", "policy", "debate"]),
        new("cinema", ["film", "director", "actor", "premiere", "trailer", "screenplay", "studio", "oscar"]),
        new("gaming", ["console", "quest", "multiplayer", "level", "controller", "arcade", "esports", "boss"]),
        new("fashion", ["dress", "runway", "designer", "jacket", "sneakers", "style", "fabric", "collection"]),
        new("science", ["laboratory", "experiment", "molecule", "physics", "genome", "research", "theory", "microscope"]),
        new("history", ["empire", "castle", "war", "ancient", "dynasty", "archive", "medieval", "revolution"]),
        new("pets", ["puppy", "kitten", "veterinarian", "leash", "aquarium", "parrot", "hamster", "grooming"]),
        new("cars", ["engine", "electric", "motorway", "sedan", "racing", "tyres", "dealer", "horsepower"]),
        new("weather", ["storm", "rain", "forecast", "snow", "heatwave", "wind", "flood", "sunshine"]),
        new("art", ["painting", "museum", "sculpture", "gallery", "canvas", "portrait", "exhibition", "sketch"]),
        new("parenting", ["toddler", "school", "homework", "nursery", "bedtime", "family", "teenager", "playground"]),
        new("books", ["novel", "author", "library", "poetry", "chapter", "bestseller", "reader", "publisher"]),
        new("climate", ["emissions", "carbon", "solar", "glacier", "recycling", "forest", "wildlife", "ocean"]),
        new("business", ["company", "merger", "startup", "profit", "office", "chief", "factory", "retail"]),
        new("comedy", ["joke", "sitcom", "stand-up", "parody", "sketchshow", "laughter", "prank", "satire"]),
    ];

    /// <summary>Connecting words between topic words, so a title reads as a phrase and carries no topic signal of its own.</summary>
    public static IReadOnlyList<string> Fillers { get; } = ["and", "with", "after", "before", "beyond", "inside", "without", "about"];
}
