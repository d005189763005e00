using System.Globalization;

namespace ContentGrains.Bench.Ingest;

/// <summary>Command-line settings of one benchmark run.</summary>
public sealed class BenchOptions
{
    public string Store { get; private set; } = "sqlite";
    public int Events { get; private set; } = 200_000;
    public int Batch { get; private set; } = 1_000;
    public int Concurrency { get; private set; } = 4;
    public int Users { get; private set; } = 10_000;
    public int Items { get; private set; } = 2_000;
    /// <summary>Events sent before the measured phase (not counted); -1 means the default, see <see cref="WarmupEvents"/>.</summary>
    public int Warmup { get; private set; } = -1;
    public double ZipfExponent { get; private set; } = 1.0;
    public int Seed { get; private set; } = 42;
    public string? Postgres { get; private set; } = Environment.GetEnvironmentVariable("CONTENTGRAINS_BENCH_PG");
    public string? SiloDll { get; private set; }
    public string? ResultsDir { get; private set; }
    public bool WriteResults { get; private set; } = true;
    public bool Breakdown { get; private set; }
    public bool KeepData { get; private set; }
    public string? Label { get; private set; }
    public string? TraceFile { get; private set; }
    public List<string> SiloArgs { get; } = [];

    public bool IsPostgres => Store == "postgres";

    /// <summary>Default warm-up: a tenth of the measured events, at least two rounds of batches, at most 50,000.</summary>
    public int WarmupEvents => Warmup >= 0 ? Warmup : Math.Clamp(Events / 10, Math.Min(2 * Batch * Concurrency, 50_000), 50_000);

    public const string Usage = """
        ContentGrains ingestion benchmark: starts the built silo, loads items, posts synthetic event batches over HTTP.

        dotnet run -c Release --project bench/ContentGrains.Bench.Ingest -- [options]

          --store sqlite|postgres   store of the silo (default sqlite)
          --events N                measured events (default 200000)
          --batch N                 events per POST /v1/events (default 1000, at most 10000)
          --concurrency N           concurrent HTTP clients (default 4)
          --users N                 distinct users (default 10000)
          --items N                 distinct items (default 2000)
          --warmup N                warm-up events, not counted (default events/10, clamped to [2*batch*concurrency, 50000])
          --zipf S                  exponent of item popularity, weight 1/rank^S (default 1.0)
          --seed N                  random seed (default 42)
          --postgres CONN           Npgsql connection string of a server where the bench may create a database
                                    (default: env CONTENTGRAINS_BENCH_PG); the database named in it is used to connect
          --silo-dll PATH           the built silo (default: <repo>/src/ContentGrains.Silo/bin/Release/net10.0/ContentGrains.Silo.dll)
          --silo-arg ARG            extra argument for the silo, repeatable (e.g. --silo-arg --ContentGrains:SqliteFullSync=false)
          --breakdown               after the run, time the duplicate path and the rejected path too (where silo time goes)
          --results DIR             where ingest-<store>.json and ingest.md go (default <repo>/bench/results)
          --no-results              print only, write no files (for sweeps)
          --label TEXT              note stored with the results
          --trace FILE              record the silo with dotnet-trace (sampled thread stacks) during the measured phase
                                    into FILE.nettrace; needs `dotnet tool install -g dotnet-trace`
          --keep-data               keep the temp data dir / database (default: delete)
        """;

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value");
            int NextInt(int min, int max)
            {
                var text = Next();
                if (!int.TryParse(text.Replace("_", ""), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) || v < min || v > max)
                    throw new ArgumentException($"{name} must be an integer in [{min}, {max}], got '{text}'");
                return v;
            }
            switch (name)
            {
                case "--store":
                    o.Store = Next().ToLowerInvariant();
                    if (o.Store is "postgresql" or "pg") o.Store = "postgres";
                    if (o.Store is not ("sqlite" or "postgres")) throw new ArgumentException($"--store must be sqlite or postgres, got '{o.Store}'");
                    break;
                case "--events": o.Events = NextInt(1, 100_000_000); break;
                case "--batch": o.Batch = NextInt(1, 10_000); break;
                case "--concurrency": o.Concurrency = NextInt(1, 256); break;
                case "--users": o.Users = NextInt(1, 100_000_000); break;
                case "--items": o.Items = NextInt(1, 10_000_000); break;
                case "--warmup": o.Warmup = NextInt(0, 100_000_000); break;
                case "--zipf":
                    o.ZipfExponent = double.Parse(Next(), CultureInfo.InvariantCulture);
                    if (o.ZipfExponent is < 0 or > 5) throw new ArgumentException("--zipf must be in [0, 5]");
                    break;
                case "--seed": o.Seed = NextInt(int.MinValue, int.MaxValue); break;
                case "--postgres": o.Postgres = Next(); break;
                case "--silo-dll": o.SiloDll = Next(); break;
                case "--silo-arg": o.SiloArgs.Add(Next()); break;
                case "--breakdown": o.Breakdown = true; break;
                case "--results": o.ResultsDir = Next(); break;
                case "--no-results": o.WriteResults = false; break;
                case "--label": o.Label = Next(); break;
                case "--trace": o.TraceFile = Path.GetFullPath(Next()); break;
                case "--keep-data": o.KeepData = true; break;
                case "-h" or "--help" or "-?": throw new HelpRequested();
                default: throw new ArgumentException($"unknown option '{name}'");
            }
        }
        if (o.IsPostgres && string.IsNullOrWhiteSpace(o.Postgres))
            throw new ArgumentException("--store postgres needs --postgres CONN (or env CONTENTGRAINS_BENCH_PG)");
        return o;
    }

    public sealed class HelpRequested : Exception;
}
