using System.Diagnostics;
using ContentGrains.Core.Data;
using ContentGrains.Core.Evaluation;
using ContentGrains.Core.Models;
using Xunit.Abstractions;

namespace ContentGrains.Core.Tests.Models;

/// <summary>
/// Pins our own figures for implicit ALS, the content model and the demographic model on RecBole's given ml-100k
/// split (measured when they were written; see ImplicitAlsOptions and ContentModel). The data is not part of the
/// project: when the split folder is absent these tests fail, saying so.
/// </summary>
[Trait("data", "ml-100k")]
public class Ml100kSideInformationTests(ITestOutputHelper output)
{
    private const string Name = "ml-100k";

    private static (GivenSplit Split, ModelContext Context) Load()
    {
        var folder = SharedData.Ml100kSplit;
        string File(string suffix) => Path.Combine(folder, Name + suffix);
        var split = GivenSplit.Load(folder, Name);
        return (split, ModelContext.Of(split, AtomicFile.Read(File(".item")), AtomicFile.Read(File(".user"))));
    }

    [Fact]
    public void Implicit_als_keeps_its_measured_figures_and_folds_in_training_users()
    {
        var (split, _) = Load();

        var model = new ImplicitAlsModel();
        var clock = Stopwatch.StartNew();
        model.Fit(split.Train);
        output.WriteLine($"ALS fit {clock.Elapsed.TotalSeconds:F1} s");
        var valid = Evaluate(model, split, validation: true);
        var test = Evaluate(model, split, validation: false);

        Assert.InRange(valid.Metrics.Ndcg, 0.2581, 0.2641);
        Assert.InRange(test.Metrics.Ndcg, 0.3313, 0.3373);
        Assert.InRange(test.Metrics.Recall, 0.2824, 0.2884);
        var trained = new float[split.ItemCount];
        var folded = new float[split.ItemCount];
        foreach (var user in new[] { 0, 100, 942 })
        {
            model.Score(user, trained);
            model.ScoreHistory(split.Train.ItemsOf(user), folded);
            Assert.Equal(trained, folded);
        }
    }

    [Fact]
    public void Content_and_demographic_models_keep_their_measured_figures()
    {
        var (split, context) = Load();

        var content = ContentModel.FromContext(context);
        content.Fit(split.Train);
        var demographic = DemographicModel.FromContext(context);
        demographic.Fit(split.Train);

        // Genres + release decade: 19 genres and 8 decades (the 1920s to the 1990s, plus what falls before).
        Assert.Equal(["release_year", "class"], content.ItemFeatures.Fields.Select(field => field.Name));
        Assert.InRange(Evaluate(content, split, validation: true).Metrics.Ndcg, 0.0319, 0.0379);
        Assert.InRange(Evaluate(content, split, validation: false).Metrics.Ndcg, 0.0333, 0.0393);
        Assert.InRange(Evaluate(demographic, split, validation: true).Metrics.Ndcg, 0.1245, 0.1305);
        Assert.InRange(Evaluate(demographic, split, validation: false).Metrics.Ndcg, 0.1445, 0.1505);
    }

    private EvaluationResult Evaluate(IRecommenderModel model, GivenSplit split, bool validation)
    {
        var evaluator = new FullRankingEvaluator(10);
        var result = validation ? evaluator.EvaluateValidation(model, split) : evaluator.EvaluateTest(model, split);
        output.WriteLine($"{model.GetType().Name} {(validation ? "valid" : "test")}: {result}");
        return result;
    }
}
