using ContentGrains.Core.Models;
using MathNet.Numerics.LinearAlgebra;

namespace ContentGrains.Core.Tests.Models;

public class CholeskySolverTests
{
    [Fact]
    public void Two_by_two_by_hand()
    {
        // [[4, 2], [2, 3]]⁻¹ = 1/8 · [[3, −2], [−2, 4]]; times (2, 1) gives (0.5, 0).
        double[] matrix = [4, 2, 2, 3];
        double[] x = [2, 1];

        CholeskySolver.Solve(matrix, x, 2);

        Assert.Equal(0.5, x[0], 12);
        Assert.Equal(0.0, x[1], 12);
    }

    [Fact]
    public void Matches_mathnet_on_a_random_positive_definite_system()
    {
        const int n = 17;
        var random = new Random(1);
        var a = Matrix<double>.Build.Dense(n, n, (_, _) => random.NextDouble() - 0.5);
        var spd = a.TransposeThisAndMultiply(a) + 0.1 * Matrix<double>.Build.DenseIdentity(n);
        var b = Vector<double>.Build.Dense(n, _ => random.NextDouble());
        var expected = spd.Solve(b);

        var matrix = spd.ToRowMajorArray();
        var x = b.ToArray();
        CholeskySolver.Solve(matrix, x, n);

        for (var i = 0; i < n; i++)
            Assert.Equal(expected[i], x[i], 9);
    }

    [Fact]
    public void Refuses_a_matrix_that_is_not_positive_definite()
    {
        Assert.Throws<ArgumentException>(() => CholeskySolver.Solve(new double[] { 1, 2, 2, 1 }, new double[2], 2));
    }
}
