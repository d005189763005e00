using ContentGrains.Core.Topics;
using ContentGrains.Core.Vectors;
static class EacExp
{
    public static void Run(float[][] x, List<string> cats)
    {
        var n = x.Length;
        var co = new float[n][];
        for (var i = 0; i < n; i++) co[i] = new float[n];
        var km = new SphericalKMeans(1);
        var runs = 0;
        for (var k = 5; k <= 40; k++)
            for (var s = 0; s < 2; s++)
            {
                var a = km.Fit(x, k, 100 * k + s).Assignments; runs++;
                for (var i = 0; i < n; i++) for (var j = 0; j < n; j++) if (a[i] == a[j]) co[i][j]++;
            }
        var rows = co.Select(r => { var v = r.Select(z => z / runs).ToArray(); UnitVector.Normalize(v); return v; }).ToArray();
        var km4 = new SphericalKMeans(4);
        foreach (var k in new[] { 5, 7, 10, 12, 15, 20 })
        {
            var fit = km4.Fit(rows, k, 42);
            Console.WriteLine($"eac k={k} nmi={NormalizedMutualInformation.Between(fit.Assignments, cats):F3}");
        }
    }
}
