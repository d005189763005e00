namespace ContentGrains.Core.Models.Ranking;

/// <summary>LambdaRank's gradients (Burges 2010), shared by the linear and the boosted ranker.</summary>
internal static class LambdaRank
{
    /// <summary>
    /// For every group: λ_i = Σ_j ρ_ij·|ΔNDCG_ij| over pairs of a relevant i and an irrelevant j (subtracted from j),
    /// with ρ_ij = 1 / (1 + e^(s_i − s_j)); the hessian is Σ ρ_ij(1 − ρ_ij)·|ΔNDCG_ij|.
    /// </summary>
    public static void Gradients(RankingData data, double[] scores, double[] gradients, double[] hessians, int truncation)
    {
        Array.Clear(gradients);
        Array.Clear(hessians);
        Parallel.For(0, data.GroupCount, () => new GroupBuffers(), (g, _, buffers) =>
        {
            var (start, end) = (data.GroupStarts[g], data.GroupStarts[g + 1]);
            var n = end - start;
            var relevant = 0;
            for (var r = start; r < end; r++)
                relevant += data.Labels[r] > 0 ? 1 : 0;
            if (relevant == 0 || relevant == n)
                return buffers; // no pair to order

            var order = buffers.Order(n);
            var keys = buffers.Keys(n);
            for (var r = 0; r < n; r++)
            {
                order[r] = r;
                keys[r] = -scores[start + r];
            }
            Array.Sort(keys, order, 0, n);
            var rank = buffers.Rank(n);
            for (var position = 0; position < n; position++)
                rank[order[position]] = position;

            double idealDcg = 0;
            for (var position = 0; position < relevant; position++)
                idealDcg += Discount(position);

            for (var i = 0; i < n; i++)
            {
                if (data.Labels[start + i] <= 0)
                    continue;
                for (var j = 0; j < n; j++)
                {
                    if (data.Labels[start + j] > 0 || Math.Min(rank[i], rank[j]) >= truncation)
                        continue;
                    var delta = Math.Abs(Discount(rank[i]) - Discount(rank[j])) / idealDcg;
                    var rho = 1.0 / (1.0 + Math.Exp(scores[start + i] - scores[start + j]));
                    var lambda = rho * delta;
                    var hessian = Math.Max(rho * (1 - rho) * delta, 1e-12);
                    gradients[start + i] += lambda;
                    gradients[start + j] -= lambda;
                    hessians[start + i] += hessian;
                    hessians[start + j] += hessian;
                }
            }
            return buffers;
        }, _ => { });
    }

    private static double Discount(int position) => 1.0 / Math.Log2(position + 2);

    /// <summary>Per-thread scratch arrays, grown to the largest group seen.</summary>
    private sealed class GroupBuffers
    {
        private int[] order = [];
        private double[] keys = [];
        private int[] rank = [];

        public int[] Order(int n) => order.Length >= n ? order : order = new int[n];
        public double[] Keys(int n) => keys.Length >= n ? keys : keys = new double[n];
        public int[] Rank(int n) => rank.Length >= n ? rank : rank = new int[n];
    }

}
