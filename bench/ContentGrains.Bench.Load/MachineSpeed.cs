using System.Diagnostics;
using System.Numerics;
using System.Text.Json.Nodes;

namespace ContentGrains.Bench.Load;

/// <summary>
/// How fast this machine runs right now, for comparing runs: a fixed piece of the feed's kind of work (the exact scan's
/// dot products over 10,000 rows of 64 floats, then a sort of the 10,000 scores), timed on one thread while the engine
/// is idle. Session 17 found the spread between runs of the same code to be the shared machine's speed: the unchanged
/// generator's CPU per feed moved with the silo's (0.199-0.266 ms against 0.665-0.968 ms), and the same in-process feed
/// bench measured 323 and 448 µs per feed minutes apart. The median of <see cref="Repeats"/> timings and the best one
/// are kept; a later run whose median is higher ran on a slower machine.
/// </summary>
public static class MachineSpeed
{
    public const int Rows = 10_000, Dimensions = 64, Repeats = 41;

    public static JsonObject Measure()
    {
        var (rows, query) = Inputs();
        var scores = new float[Rows];
        var micros = new double[Repeats];
        // Tiered compilation first runs Array.Sort's ready-to-run code and replaces it after enough calls and a pause on
        // a background thread: the first run's timings read 1,473 µs, a later run's 591. Warm up past that before timing.
        for (var i = 0; i < 60; i++) Work(rows, query, scores);
        Thread.Sleep(500);
        for (var i = 0; i < 20; i++) Work(rows, query, scores);
        for (var r = 0; r < Repeats; r++)
        {
            var started = Stopwatch.GetTimestamp();
            Work(rows, query, scores);
            micros[r] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        }
        Array.Sort(micros);
        return new JsonObject
        {
            ["workMicrosMedian"] = Math.Round(micros[Repeats / 2], 1),
            ["workMicrosBest"] = Math.Round(micros[0], 1),
            ["work"] = $"{Rows:N0} dot products of {Dimensions} floats, then a sort of the {Rows:N0} scores; one thread, {Repeats} timings",
        };
    }

    /// <summary>The fixed rows and query (a seeded generator: every run times the same numbers).</summary>
    public static (float[] Rows, float[] Query) Inputs()
    {
        var random = new Random(17);
        var rows = new float[Rows * Dimensions];
        for (var i = 0; i < rows.Length; i++) rows[i] = (float)random.NextDouble() - 0.5f;
        var query = new float[Dimensions];
        for (var i = 0; i < query.Length; i++) query[i] = (float)random.NextDouble() - 0.5f;
        return (rows, query);
    }

    /// <summary>Scores every row against the query into <paramref name="scores"/>, sorts them, and returns the best.</summary>
    public static float Work(float[] rows, float[] query, float[] scores)
    {
        var width = Vector<float>.Count;
        for (var row = 0; row < Rows; row++)
        {
            var offset = row * Dimensions;
            var sum = Vector<float>.Zero;
            var j = 0;
            for (; j + width <= Dimensions; j += width) sum += new Vector<float>(rows, offset + j) * new Vector<float>(query, j);
            var score = Vector.Sum(sum);
            for (; j < Dimensions; j++) score += rows[offset + j] * query[j];
            scores[row] = score;
        }
        Array.Sort(scores);
        return scores[^1];
    }
}
