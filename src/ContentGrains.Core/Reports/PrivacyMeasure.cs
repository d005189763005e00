namespace ContentGrains.Core.Reports;

/// <summary>
/// One noised measure of a private report: its share of the report's epsilon, its sensitivity (the most one person can
/// change the whole vector of that measure over all cells: L1 for Laplace, L2 for Gaussian), the noise scale (Laplace b
/// or Gaussian σ), the noise variance each cell carries (2b² or σ²), and for Gaussian noise its share of delta.
/// </summary>
public sealed record PrivacyMeasure(string Name, string Why, double Epsilon, double Sensitivity, double Scale, double Variance, double Delta = 0);
