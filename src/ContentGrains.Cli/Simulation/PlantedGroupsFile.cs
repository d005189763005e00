using ContentGrains.Core.Simulation;

namespace ContentGrains.Cli.Simulation;

/// <summary>
/// The simulator's planted groups, the truth segments are scored against: user_id TAB group, one person a line. Written
/// beside the data for evaluation only; the engine never reads it.
/// </summary>
public static class PlantedGroupsFile
{
    public static string Write(string path, WorldGenerator generator, long users) =>
        Write(path, LongRange(users).Select(generator.Person));

    public static string Write(string path, IEnumerable<SimPerson> people)
    {
        using var writer = new StreamWriter(path);
        writer.WriteLine("user_id\tgroup");
        foreach (var person in people) writer.WriteLine($"{person.Id}\t{person.Segment}");
        return path;
    }

    private static IEnumerable<long> LongRange(long count)
    {
        for (long i = 0; i < count; i++) yield return i;
    }
}
