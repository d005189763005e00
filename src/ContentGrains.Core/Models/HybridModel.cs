using ContentGrains.Core.Data;
using ContentGrains.Core.Models.Ranking;

namespace ContentGrains.Core.Models;

/// <summary>Where the hybrid's ranker takes its relevant items from.</summary>
public enum RankerLabels
{
    /// <summary>The validation items of each user, with features from the full training set (as scored at test time).</summary>
    Validation,

    /// <summary>A random share of each user's training items, with base scorers fit on the rest, then refit on all.</summary>
    HoldOut,
}

/// <summary>
/// The hyperparameters of <see cref="HybridModel"/>. The defaults were chosen on the validation part of RecBole's
/// given ml-100k split: each base scorer's own grid (`contentgrains tune --model ease|rp3beta|itemknn|userknn`), then
/// the ranker's (`--model hybrid`, 5-fold over users). <see cref="Ranker"/> null means <see cref="HybridModel.DefaultRanker"/>.
/// </summary>
public sealed record HybridOptions(
    double EaseRegularization = 300,
    int KnnNeighbours = 200,
    double KnnShrink = 0,
    double Rp3Alpha = 0.8,
    double Rp3Beta = 0.6,
    int Rp3Neighbours = 200,
    int UserKnnNeighbours = 50,
    int AlsModels = 1,
    int CandidatesPerScorer = 50,
    RankerLabels Labels = RankerLabels.Validation,
    double HoldOutFraction = 0.125,
    RankerOptions? Ranker = null);

/// <summary>
/// A learned hybrid: EASE, RP3beta, ItemKNN, UserKNN and implicit ALS each propose their best items for a user, and
/// a learned ranker (<see cref="GradientBoostedRanker"/>: a linear LambdaRank blend, optionally boosted by trees)
/// orders the union by <see cref="CandidateFeatures"/>: every base scorer's score and rank, popularity, and how the
/// item's genres and year match the user's history. Items outside the candidates score below every candidate, in
/// EASE's order.
/// </summary>
/// <remarks>
/// The ranker learns from the validation split (<see cref="ModelContext.Validation"/>), not test: the base scorers are
/// fit on train, and the features of a validation item come from the user's train history, exactly as a test item's
/// do at evaluation time. Without a validation set, or with <see cref="RankerLabels.HoldOut"/>, it learns from a
/// hold-out carved out of train instead. Every feature depends only on the history, so this is an
/// <see cref="IHistoryScorer"/> and the live feed can score any user with it; <see cref="Save"/> keeps everything
/// needed to score histories.
/// </remarks>
public sealed class HybridModel : IRecommenderModel, IPersistentModel
{
    private const string Magic = "ContentGrains.Hybrid/1";

    /// <summary>
    /// A linear LambdaRank blend, no trees: on ml-100k boosted trees on top of it lowered the cross-validated
    /// validation NDCG@10 (0.2651 with 50 trees against 0.2675 without), as they did when boosting from zero.
    /// </summary>
    public static readonly RankerOptions DefaultRanker = new(Trees: 0, LinearIterations: 100, LinearRate: 0.05);

    private readonly ModelContext? context;
    private InteractionSet? train;
    private CandidateFeatures? features;
    private IRowRanker? ranker;

    public HybridModel(ModelContext context, HybridOptions? options = null)
    {
        this.context = context;
        Options = options ?? new HybridOptions();
    }

    private HybridModel(HybridOptions options, CandidateFeatures features, IRowRanker ranker, InteractionSet? train)
    {
        Options = options;
        this.features = features;
        this.ranker = ranker;
        this.train = train;
    }

    public HybridOptions Options { get; }

    public int ItemCount => features?.ItemCount ?? 0;

    /// <summary>The feature builder of the fitted model (its base scorers), for inspection and tuning.</summary>
    public CandidateFeatures Features => features ?? throw new InvalidOperationException("Fit the model first.");

    public void Fit(InteractionSet train)
    {
        var side = ItemSideInfo.FromItemFile(context?.ItemFile, context?.Items ?? new IdMap());
        if (side.ItemCount != train.ItemCount)
            side = ItemSideInfo.Empty(train.ItemCount);
        var validation = context?.Validation;
        var seed = context?.Seed ?? 2020;
        RankingData data;
        if (Options.Labels == RankerLabels.Validation && validation is not null)
        {
            features = FitBaseScorers(train, Options, side, seed);
            data = RankingRows(features, train, validation);
        }
        else
        {
            var (rest, heldOut) = HoldOut(train, Options.HoldOutFraction, seed);
            data = RankingRows(FitBaseScorers(rest, Options, side, seed), rest, heldOut);
            features = FitBaseScorers(train, Options, side, seed);
        }
        ranker = GradientBoostedRanker.Fit(data, Options.Ranker ?? DefaultRanker);
        this.train = train;
    }

    /// <summary>
    /// A model from parts fitted elsewhere (cross-validating the ranker reuses one set of base scorers; a ranker fitted
    /// outside Core is measured in the hand-written one's place). Only a <see cref="GradientBoostedRanker"/> can be saved.
    /// </summary>
    public static HybridModel FromParts(HybridOptions options, CandidateFeatures features, IRowRanker ranker, InteractionSet? train) =>
        new(options, features, ranker, train);

    /// <summary>
    /// Fits EASE, RP3beta, ItemKNN, UserKNN (when <see cref="HybridOptions.UserKnnNeighbours"/> &gt; 0) and
    /// <see cref="HybridOptions.AlsModels"/> implicit ALS models (its own tuned defaults, seeds seed, seed + 1, …) on
    /// <paramref name="train"/> and wraps them with popularity and side information.
    /// </summary>
    public static CandidateFeatures FitBaseScorers(InteractionSet train, HybridOptions options, ItemSideInfo side, int seed = 2020)
    {
        var ease = new EaseModel(options.EaseRegularization);
        var rp3 = new Rp3BetaModel(options.Rp3Alpha, options.Rp3Beta, options.Rp3Neighbours);
        var knn = new ItemKnnModel(options.KnnNeighbours, options.KnnShrink);
        ease.Fit(train);
        rp3.Fit(train);
        knn.Fit(train);
        List<IHistoryScorer> scorers = [ItemItemMatrix.Of(ease), ItemItemMatrix.Of(rp3), ItemItemMatrix.Of(knn)];
        if (options.UserKnnNeighbours > 0)
        {
            var users = new UserKnnModel(options.UserKnnNeighbours);
            users.Fit(train);
            scorers.Add(users);
        }
        for (var m = 0; m < options.AlsModels; m++)
        {
            var als = new ImplicitAlsModel(new ImplicitAlsOptions(Seed: seed + m));
            als.Fit(train);
            scorers.Add(als);
        }
        return new CandidateFeatures(scorers, train.ItemCounts(), side, options.CandidatesPerScorer);
    }

    /// <summary>
    /// One group per user with at least one labelled item among their candidates: the candidates of the user's
    /// <paramref name="history"/> items, labelled 1 when in <paramref name="labels"/>.
    /// </summary>
    public static RankingData RankingRows(CandidateFeatures features, InteractionSet history, InteractionSet labels)
    {
        var perUser = new (float[] Features, float[] Labels)?[history.UserCount];
        Parallel.For(0, history.UserCount, user =>
        {
            if (labels.CountOf(user) == 0)
                return;
            var candidates = new List<int>();
            var rows = new List<float>();
            features.Build(history.ItemsOf(user), candidates, rows, new float[features.ItemCount]);
            var userLabels = candidates.Select(item => labels.Contains(user, item) ? 1f : 0f).ToArray();
            if (userLabels.Contains(1f) && userLabels.Contains(0f))
                perUser[user] = (rows.ToArray(), userLabels);
        });

        var allFeatures = new List<float>();
        var allLabels = new List<float>();
        var starts = new List<int> { 0 };
        var ids = new List<int>();
        for (var user = 0; user < perUser.Length; user++)
        {
            if (perUser[user] is not { } group)
                continue;
            allFeatures.AddRange(group.Features);
            allLabels.AddRange(group.Labels);
            starts.Add(allLabels.Count);
            ids.Add(user);
        }
        return new RankingData(features.FeatureCount, allFeatures.ToArray(), allLabels.ToArray(), starts.ToArray(), ids.ToArray());
    }

    /// <summary>Moves a random <paramref name="fraction"/> of each user's items (at least one, if they have two) to a second set.</summary>
    public static (InteractionSet Kept, InteractionSet HeldOut) HoldOut(InteractionSet train, double fraction, int seed)
    {
        var random = new Random(seed);
        var rest = new List<(int, int)>();
        var heldOut = new List<(int, int)>();
        for (var user = 0; user < train.UserCount; user++)
        {
            var items = train.ItemsOf(user).ToArray();
            random.Shuffle(items);
            var take = items.Length < 2 ? 0 : Math.Max(1, (int)Math.Round(fraction * items.Length));
            for (var k = 0; k < items.Length; k++)
                (k < take ? heldOut : rest).Add((user, items[k]));
        }
        return (InteractionSet.FromPairs(train.UserCount, train.ItemCount, rest),
                InteractionSet.FromPairs(train.UserCount, train.ItemCount, heldOut));
    }

    public void Score(int user, Span<float> scores)
    {
        var history = train ?? throw new InvalidOperationException("Fit the model before scoring (a loaded model scores histories only).");
        ScoreHistory(history.ItemsOf(user), scores);
    }

    public void ScoreHistory(ReadOnlySpan<int> history, Span<float> scores)
    {
        if (features is null || ranker is null)
            throw new InvalidOperationException("Fit the model before scoring.");
        var candidates = new List<int>();
        var rows = new List<float>();
        var easeScores = new float[features.ItemCount];
        features.Build(history, candidates, rows, easeScores);

        var f = features.FeatureCount;
        var rowSpan = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rows);
        var lowest = float.PositiveInfinity;
        var candidateScores = new float[candidates.Count];
        for (var c = 0; c < candidates.Count; c++)
        {
            candidateScores[c] = ranker.Predict(rowSpan.Slice(c * f, f));
            lowest = Math.Min(lowest, candidateScores[c]);
        }
        if (float.IsInfinity(lowest))
            lowest = 0f;
        // Below every candidate, in EASE's order: lowest − 1 − (max − score)/(max − min) lies in [lowest − 2, lowest − 1].
        var (min, max) = (easeScores.Min(), easeScores.Max());
        var spread = max > min ? max - min : 1f;
        for (var item = 0; item < features.ItemCount; item++)
            scores[item] = lowest - 1f - (max - easeScores[item]) / spread;
        for (var c = 0; c < candidates.Count; c++)
            scores[candidates[c]] = candidateScores[c];
    }

    public const string KindName = "hybrid";

    public string Kind => KindName;

    /// <summary>The model inside a published artifact: the same bytes as <see cref="Save(Stream)"/>.</summary>
    public void Save(BinaryWriter writer)
    {
        writer.Flush();
        Save(writer.BaseStream);
    }

    public static HybridModel Load(BinaryReader reader) => Load(reader.BaseStream);

    /// <summary>Writes the base scorers, popularity, side information and ranker: all that scoring a history needs.</summary>
    public void Save(Stream stream)
    {
        if (features is null || ranker is null)
            throw new InvalidOperationException("Fit the model before saving it.");
        if (ranker is not GradientBoostedRanker saved)
            throw new NotSupportedException($"Cannot save a hybrid whose ranker is a {ranker.GetType().Name}: only the hand-written ranker is saved.");
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(features.CandidatesPerScorer);
        writer.Write(features.Scorers.Count);
        foreach (var scorer in features.Scorers)
        {
            switch (scorer)
            {
                case ItemItemMatrix matrix:
                    writer.Write((byte)1);
                    matrix.Write(writer);
                    break;
                case UserKnnModel users:
                    writer.Write((byte)2);
                    users.Write(writer);
                    break;
                case ImplicitAlsModel als:
                    writer.Write((byte)3);
                    writer.Flush();
                    als.Save(stream);
                    break;
                default:
                    throw new NotSupportedException($"Cannot save a {scorer.GetType().Name} base scorer.");
            }
        }
        writer.Write(features.Popularity.Length);
        foreach (var count in features.Popularity)
            writer.Write(count);
        features.Side.Write(writer);
        saved.Write(writer);
    }

    /// <summary>Reads a model written by <see cref="Save"/>; it scores histories (<see cref="ScoreHistory"/>), not user indices.</summary>
    public static HybridModel Load(Stream stream, HybridOptions? options = null)
    {
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        if (reader.ReadString() != Magic)
            throw new InvalidDataException("This is not a saved HybridModel.");
        var candidatesPerScorer = reader.ReadInt32();
        var scorers = new IHistoryScorer[reader.ReadInt32()];
        for (var s = 0; s < scorers.Length; s++)
        {
            scorers[s] = reader.ReadByte() switch
            {
                1 => ItemItemMatrix.Read(reader),
                2 => UserKnnModel.Read(reader),
                3 => ImplicitAlsModel.Load(stream),
                var kind => throw new InvalidDataException($"Unknown base scorer kind {kind}."),
            };
        }
        var popularity = new int[reader.ReadInt32()];
        for (var i = 0; i < popularity.Length; i++)
            popularity[i] = reader.ReadInt32();
        var side = ItemSideInfo.Read(reader);
        var ranker = GradientBoostedRanker.Read(reader);
        var features = new CandidateFeatures(scorers, popularity, side, candidatesPerScorer);
        return new HybridModel(options ?? new HybridOptions(), features, ranker, train: null);
    }
}
