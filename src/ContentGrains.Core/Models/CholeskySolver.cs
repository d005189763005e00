using System.Numerics.Tensors;

namespace ContentGrains.Core.Models;

/// <summary>Solves A·x = b for a small dense symmetric positive definite A by Cholesky factorisation (A = L·Lᵀ).</summary>
public static class CholeskySolver
{
    /// <summary>
    /// Overwrites the lower triangle of <paramref name="matrix"/> (n × n, row-major, symmetric positive definite)
    /// with L and <paramref name="rightHandSide"/> with the solution x.
    /// </summary>
    public static void Solve(Span<double> matrix, Span<double> rightHandSide, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(matrix.Length, n * n, nameof(matrix));
        ArgumentOutOfRangeException.ThrowIfNotEqual(rightHandSide.Length, n, nameof(rightHandSide));

        for (var j = 0; j < n; j++)
        {
            var rowJ = matrix.Slice(j * n, j); // L[j, 0..j)
            var pivot = matrix[j * n + j] - TensorPrimitives.Dot(rowJ, rowJ);
            if (!(pivot > 0))
                throw new ArgumentException("The matrix is not positive definite.", nameof(matrix));
            var diagonal = Math.Sqrt(pivot);
            matrix[j * n + j] = diagonal;
            for (var i = j + 1; i < n; i++)
                matrix[i * n + j] = (matrix[i * n + j] - TensorPrimitives.Dot(matrix.Slice(i * n, j), rowJ)) / diagonal;
        }

        // L·z = b, forwards.
        for (var i = 0; i < n; i++)
            rightHandSide[i] = (rightHandSide[i] - TensorPrimitives.Dot(matrix.Slice(i * n, i), rightHandSide[..i])) / matrix[i * n + i];

        // Lᵀ·x = z, backwards (column i of L below the diagonal is strided).
        for (var i = n - 1; i >= 0; i--)
        {
            var sum = rightHandSide[i];
            for (var r = i + 1; r < n; r++)
                sum -= matrix[r * n + i] * rightHandSide[r];
            rightHandSide[i] = sum / matrix[i * n + i];
        }
    }
}
