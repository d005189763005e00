namespace ContentGrains.Cli.Import;

/// <summary>
/// The files of a data folder: RecBole's NAME.inter (or NAME.train/valid/test.inter, all imported), NAME.item and
/// NAME.user; or GroupLens' raw MovieLens u.data with u.item and u.user.
/// </summary>
public sealed record DataFolder(string Name, string Format, IReadOnlyList<string> Events, IReadOnlyList<string> Items, IReadOnlyList<string> Users)
{
    public static (DataFolder? Folder, string? Error) Find(string folder, string? name)
    {
        if (!Directory.Exists(folder)) return (null, $"no folder '{folder}'");
        if (name is null && File.Exists(Path.Combine(folder, "u.data")))
            return (new DataFolder("ml", "movielens", [Path.Combine(folder, "u.data")], Existing(folder, "u.item"), Existing(folder, "u.user")), null);

        if (name is null)
        {
            // NAME is the part before the first dot, so x.train.inter and x.inter both name x.
            var names = Directory.GetFiles(folder, "*.inter").Select(f => Path.GetFileName(f).Split('.')[0]).Distinct().ToList();
            if (names.Count != 1) return (null, $"expected one data set NAME.inter (or u.data) in {folder}, found {names.Count}; name it with --dataset");
            name = names[0];
        }
        var whole = Path.Combine(folder, name + ".inter");
        List<string> events = File.Exists(whole) ? [whole]
            : new[] { "train", "valid", "test" }.Select(p => Path.Combine(folder, $"{name}.{p}.inter")).Where(File.Exists).ToList();
        if (events.Count == 0) return (null, $"no {name}.inter or {name}.train/valid/test.inter in {folder}");
        return (new DataFolder(name, "recbole", events, Existing(folder, name + ".item"), Existing(folder, name + ".user")), null);
    }

    private static List<string> Existing(string folder, string file)
    {
        var path = Path.Combine(folder, file);
        return File.Exists(path) ? [path] : [];
    }
}
