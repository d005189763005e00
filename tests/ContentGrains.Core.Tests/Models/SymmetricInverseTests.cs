using ContentGrains.Core.Models;
using MathNet.Numerics.LinearAlgebra;

namespace ContentGrains.Core.Tests.Models;

public class SymmetricInverseTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(SymmetricInverse.BlockSize)]
    [InlineData(2 * SymmetricInverse.BlockSize + 7)]
    public void Agrees_with_a_dense_inverse(int n)
    {
        var random = new Random(n);
        var a = Matrix<double>.Build.Dense(n, n, (_, _) => random.NextDouble() - 0.5);
        var spd = a.TransposeThisAndMultiply(a) + n * Matrix<double>.Build.DenseIdentity(n);
        var values = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
                values[i * n + j] = spd[i, j];
        }

        SymmetricInverse.Invert(values, n);

        var expected = spd.Inverse();
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
                Assert.Equal(expected[i, j], values[i * n + j], 10);
        }
    }

    [Fact]
    public void Two_by_two_by_hand()
    {
        // [[4, 2], [2, 3]]⁻¹ = 1/(12 − 4) · [[3, −2], [−2, 4]] = [[0.375, −0.25], [−0.25, 0.5]].
        double[] values = [4, 2, 2, 3];

        SymmetricInverse.Invert(values, 2);

        Assert.Equal([0.375, -0.25, -0.25, 0.5], values);
    }

    [Fact]
    public void Rejects_matrices_that_are_not_positive_definite()
    {
        double[] values = [1, 2, 2, 1]; // second pivot 1 − 4 = −3

        Assert.Throws<ArgumentException>(() => SymmetricInverse.Invert(values, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => SymmetricInverse.Invert(new double[3], 2));
    }
}
