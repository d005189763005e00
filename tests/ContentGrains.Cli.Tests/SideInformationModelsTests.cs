using System.Text.Json.Nodes;
using ContentGrains.Core.Data;
using ContentGrains.Core.Models;
using ContentGrains.Testing;

namespace ContentGrains.Cli.Tests;

/// <summary>The models that read the data set's side files (content, demographic) and ALS, through `evaluate`.</summary>
public sealed class SideInformationModelsTests : IDisposable
{
    private readonly TempDirectory folder = new();
    public void Dispose() => folder.Dispose();

    private const string Header = "user_id:token\titem_id:token\trating:float\ttimestamp:float";

    /// <summary>u1 took a (Comedy) and is tested on c (Comedy); u2 took a and b and is tested on d (Horror).</summary>
    private void WriteTinySplitWithSideFiles()
    {
        File.WriteAllLines(Path.Combine(folder.Path, "tiny.train.inter"), [Header, "u1\ta\t5\t1", "u2\ta\t5\t1", "u2\tb\t5\t1", "u3\tb\t5\t1"]);
        File.WriteAllLines(Path.Combine(folder.Path, "tiny.valid.inter"), [Header, "u1\tb\t5\t2"]);
        File.WriteAllLines(Path.Combine(folder.Path, "tiny.test.inter"), [Header, "u1\tc\t5\t3", "u2\td\t5\t3"]);
        File.WriteAllLines(Path.Combine(folder.Path, "tiny.item"), ["item_id:token\tclass:token_seq", "a\tComedy", "b\tDrama", "c\tComedy", "d\tHorror"]);
        File.WriteAllLines(Path.Combine(folder.Path, "tiny.user"), ["user_id:token\tgender:token", "u1\tF", "u2\tM", "u3\tF"]);
    }

    [Fact]
    public void Evaluate_runs_the_side_information_models_from_the_folders_side_files()
    {
        WriteTinySplitWithSideFiles();
        var outFile = Path.Combine(folder.Path, "results.json");

        var exit = EvaluateCommand.Run(["--data", folder.Path, "--models", "als,content,demographic", "--k", "1", "--out", outFile], new StringWriter(), new StringWriter());

        Assert.Equal(0, exit);
        var models = JsonNode.Parse(File.ReadAllText(outFile))!["models"]!.AsArray();
        Assert.Equal(["als", "content", "demographic"], models.Select(m => (string)m!["name"]!));
        // Content (Comedy only, Drama and Horror are single-item features): u1's profile is Comedy, so c tops the
        // ranking (hit); u2's top is c too, not d. NDCG@1 = (1 + 0) / 2. In validation u1's b scores 0 behind c.
        var content = models[1]!;
        Assert.Equal(0.5, (double)content["test"]!["ndcg@1"]!, 6);
        Assert.Equal(0.0, (double)content["valid"]!["ndcg@1"]!, 6);
    }

    [Fact]
    public void Side_information_models_name_the_file_they_miss()
    {
        var context = new ModelContext(new IdMap(), new IdMap());

        Assert.Contains(".item", Assert.Throws<InvalidOperationException>(() => ModelRegistry.Create("content", context)).Message);
        Assert.Contains(".user", Assert.Throws<InvalidOperationException>(() => ModelRegistry.Create("demographic", context)).Message);
    }

    [Fact]
    public void Evaluate_says_which_side_file_is_missing_and_skips_only_that_model()
    {
        WriteTinySplitWithSideFiles();
        File.Delete(Path.Combine(folder.Path, "tiny.item"));
        var errors = new StringWriter();

        var exit = EvaluateCommand.Run(["--data", folder.Path, "--models", "ease,content", "--k", "1"], new StringWriter(), errors);

        Assert.Equal(0, exit); // ease still ran
        Assert.StartsWith("evaluate: warning: --models content skipped: The content model needs the data set's item side file (NAME.item", errors.ToString());
    }

    [Fact]
    public void Evaluate_exits_2_when_every_model_lacks_its_side_file()
    {
        WriteTinySplitWithSideFiles();
        File.Delete(Path.Combine(folder.Path, "tiny.item"));
        var errors = new StringWriter();

        Assert.Equal(2, EvaluateCommand.Run(["--data", folder.Path, "--models", "content", "--k", "1"], new StringWriter(), errors));
        Assert.Contains("evaluate: every model was skipped; nothing to report", errors.ToString());
    }

    [Fact]
    public void Als_takes_the_seed_of_the_context()
    {
        var model = Assert.IsType<ImplicitAlsModel>(ModelRegistry.Create("als", new ModelContext(new IdMap(), new IdMap(), Seed: 11)));

        Assert.Equal(11, model.Options.Seed);
        Assert.Equal(new ImplicitAlsOptions() with { Seed = 11 }, model.Options);
    }
}
