using System.CommandLine;
using ContentGrains.Cli.CommandLine;

namespace ContentGrains.Cli.Import;

/// <summary>
/// `contentgrains import`: reads RecBole atomic files, MovieLens u.data/u.item/u.user, or CSV / JSON Lines with the
/// API's field names, and loads them into a running engine over HTTP or into an offline RecBole data set.
/// Exit codes: 0 when anything was imported (accepted, or already there as duplicates), 1 when nothing was
/// (every row rejected, or no rows), 2 for a usage error or an unreadable file header, 3 when the engine cannot be
/// reached or refuses the requests.
/// </summary>
public static class ImportCommand
{
    public const int NothingImported = 1, UsageError = 2, TargetUnavailable = 3;

    /// <param name="retryPauses">Pauses between retries of an unreachable engine (tests shorten them).</param>
    public static Command Create(CliIo io, IReadOnlyList<TimeSpan>? retryPauses = null) => CommandTree.Leaf("import",
        "Loads RecBole atomic files, MovieLens files, or CSV / JSON Lines with the API's field names into a running engine (--to) or an offline RecBole data set (--out). " +
        "Exit codes: 0 imported, 1 nothing imported, 2 usage error or unreadable header, 3 engine unreachable or refusing.",
        ImportOptions.Declare(), (values, cancel) => RunAsync(values, io, retryPauses, cancel));

    /// <summary>Runs `import` with the words after its name.</summary>
    public static Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter errors, bool terminal = false,
        IReadOnlyList<TimeSpan>? retryPauses = null, CancellationToken cancel = default)
    {
        var io = new CliIo(output, errors, terminal);
        return CommandTree.RunAsync(Create(io, retryPauses), args, io, cancel);
    }

    private static async Task<int> RunAsync(OptionValues values, CliIo io, IReadOnlyList<TimeSpan>? retryPauses, CancellationToken cancel)
    {
        var (output, errors, terminal) = (io.Output, io.Errors, io.Terminal);
        var (options, error) = ImportOptions.Parse(values);
        if (options is null)
        {
            errors.WriteLine($"import: {error}");
            return UsageError;
        }
        var files = options.Events.Concat(options.Items).Concat(options.Users);
        if (files.Select(f => (f, FormatOf(f, options.Format))).FirstOrDefault(x => x.Item2 is null) is ({ } unknownFile, _))
        {
            errors.WriteLine($"import: cannot tell the format of '{unknownFile}' from its name; give --format {string.Join("|", ImportOptions.Formats)}");
            return UsageError;
        }

        await using IImportTarget target = options.To is not null
            ? new HttpImportTarget(options.To, options.ApiKey, retryPauses: retryPauses)
            : new OfflineDataSetTarget(options.Out!, options.Name);
        if (target is HttpImportTarget engine && await engine.UnreachableAsync(cancel) is { } why)
        {
            errors.WriteLine($"import: cannot reach the engine at {engine.Description}: {why}. Is it running? Start it, or point --to at it.");
            return TargetUnavailable;
        }
        output.WriteLine($"import into {target.Description}: {options.Events.Count} event, {options.Items.Count} item, {options.Users.Count} user file(s); " +
                         $"batches of {options.Batch}, rating >= {options.Rule.LikeAt} is a like, otherwise a view");
        var runner = new ImportRunner(target, options.Batch, options.Parallel, new ImportProgress(errors, terminal));
        try
        {
            var summary = await runner.RunAsync(
                options.Items.SelectMany(f => ReadItems(f, FormatOf(f, options.Format)!, options.Map)),
                options.Users.SelectMany(f => ReadUsers(f, FormatOf(f, options.Format)!)),
                options.Events.SelectMany(f => ReadEvents(f, FormatOf(f, options.Format)!, options.Rule, options.Map)),
                cancel);
            summary.WriteTo(output);
            if (summary.ImportedAnything) return 0;
            errors.WriteLine("import: nothing was imported");
            return NothingImported;
        }
        catch (TargetUnavailableException unavailable)
        {
            runner.Summary.WriteTo(output);
            errors.WriteLine($"import: stopped: {unavailable.Message}");
            return TargetUnavailable;
        }
        catch (FormatException unreadable)
        {
            runner.Summary.WriteTo(output);
            errors.WriteLine($"import: stopped: {unreadable.Message}");
            return UsageError;
        }
    }

    /// <summary>The format named by --format, else the one the file name shows.</summary>
    public static string? FormatOf(string path, string? given)
    {
        if (given is not null) return given;
        var file = Path.GetFileName(path).ToLowerInvariant();
        return Path.GetExtension(file) switch
        {
            ".inter" or ".item" or ".user" when !file.StartsWith("u.", StringComparison.Ordinal) => "recbole",
            ".csv" => "csv",
            ".jsonl" or ".ndjson" => "jsonl",
            ".data" or ".dat" or ".item" or ".user" => "movielens", // u.data, ratings.dat, u.item, u.user
            _ => null,
        };
    }

    private static IEnumerable<SourceRow<ImportEvent>> ReadEvents(string path, string format, RatingRule rule, ColumnMap? map) => format switch
    {
        "recbole" => RecBoleReader.ReadInteractions(path, rule),
        "movielens" => MovieLensReader.ReadRatings(path, rule),
        "csv" => GenericReader.ReadEventsCsv(path, rule, map),
        _ => GenericReader.ReadEventsJsonl(path, rule),
    };

    private static IEnumerable<SourceRow<ImportItem>> ReadItems(string path, string format, ColumnMap? map) => format switch
    {
        "recbole" => RecBoleReader.ReadItems(path),
        "movielens" => MovieLensReader.ReadItems(path),
        "csv" => GenericReader.ReadItemsCsv(path, map),
        _ => GenericReader.ReadItemsJsonl(path),
    };

    private static IEnumerable<SourceRow<ImportUser>> ReadUsers(string path, string format) => format switch
    {
        "recbole" => RecBoleReader.ReadUsers(path),
        "movielens" => MovieLensReader.ReadUsers(path),
        _ => throw new FormatException($"{path}: users are read from RecBole .user or MovieLens u.user files only"),
    };
}
