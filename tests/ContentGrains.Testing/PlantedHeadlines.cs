namespace ContentGrains.Testing;

/// <summary>
/// Two planted topics for the topics tests: eight space headlines and eight kitchen headlines, far apart for MiniLM
/// and sharing no words, so a topic fit over their text vectors must find exactly these two.
/// </summary>
public static class PlantedHeadlines
{
    public static readonly IReadOnlyList<string> Space =
    [
        "NASA launches a new rocket to Mars", "Astronauts on the space station repair a solar panel",
        "A telescope photographs a distant spiral galaxy", "The Mars rover drills into ancient red rock",
        "A bright comet passes close to Earth this week", "Astronomers discover a planet orbiting a nearby star",
        "The crewed moon landing mission is delayed again", "Satellite images show a giant storm on Jupiter",
    ];

    public static readonly IReadOnlyList<string> Kitchen =
    [
        "A simple recipe for creamy tomato soup", "How to bake sourdough bread at home",
        "A chef shares the secret to a perfect omelette", "Roast chicken with garlic and lemon",
        "Five quick pasta dinners for busy weeknights", "Chocolate cake recipe with rich frosting",
        "Grilled vegetables with olive oil and fresh herbs", "Homemade pizza dough in ten minutes",
    ];
}
