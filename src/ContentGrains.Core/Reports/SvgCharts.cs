using System.Globalization;
using System.Net;
using System.Text;

namespace ContentGrains.Core.Reports;

/// <summary>A bar with its interval (null bounds: no interval) and a tooltip.</summary>
public sealed record ChartBar(string Label, double Value, double? Low, double? High, string Tip);

/// <summary>
/// Charts drawn on the server as inline SVG, so a report page needs no script and no network (the engine works
/// offline). Bar charts carry each value's interval as a whisker; the heat map shades cells by value.
/// </summary>
public static class SvgCharts
{
    private const int Width = 720, Height = 260, Left = 56, Right = 12, Top = 28, Bottom = 64;

    public static string Bars(string id, string title, IReadOnlyList<ChartBar> bars, Func<double, string> format)
    {
        var svg = Open(id, title, Width, Height, "bars");
        if (bars.Count == 0) return Empty(svg, "no data");
        var max = Math.Max(1e-12, bars.Max(b => b.High ?? b.Value)) * 1.1;
        var plotW = Width - Left - Right;
        var plotH = Height - Top - Bottom;
        var step = (double)plotW / bars.Count;
        Axis(svg, max, plotH, format);
        for (var i = 0; i < bars.Count; i++)
        {
            var b = bars[i];
            var x = Left + i * step;
            var y = Y(b.Value, max, plotH);
            svg.Append(Invariant($"<rect class=\"bar\" x=\"{x + step * 0.15:0.#}\" y=\"{y:0.#}\" width=\"{step * 0.7:0.#}\" height=\"{Top + plotH - y:0.#}\" fill=\"#4e79a7\"><title>{Esc(b.Tip)}</title></rect>"));
            if (b.Low is { } lo && b.High is { } hi)
            {
                var cx = x + step / 2;
                svg.Append(Invariant($"<line class=\"whisker\" x1=\"{cx:0.#}\" x2=\"{cx:0.#}\" y1=\"{Y(lo, max, plotH):0.#}\" y2=\"{Y(hi, max, plotH):0.#}\" stroke=\"#222\" stroke-width=\"1.5\"/>"));
            }
            var lx = x + step / 2;
            svg.Append(Invariant($"<text x=\"{lx:0.#}\" y=\"{Top + plotH + 12}\" font-size=\"10\" text-anchor=\"end\" transform=\"rotate(-40 {lx:0.#} {Top + plotH + 12})\">{Esc(Short(b.Label))}</text>"));
        }
        return svg.Append("</svg>").ToString();
    }

    /// <summary>A heat map of rows × columns; null cells are blank.</summary>
    public static string Heat(string id, string title, IReadOnlyList<string> rows, IReadOnlyList<string> columns, Func<int, int, double?> value, Func<double, string> format)
    {
        const int cellW = 44, cellH = 22, left = 110, top = 80;
        var width = Math.Max(Width, left + columns.Count * cellW + 10);
        var height = top + rows.Count * cellH + 10;
        var svg = Open(id, title, width, height, "heat");
        var values = Enumerable.Range(0, rows.Count).SelectMany(r => Enumerable.Range(0, columns.Count).Select(c => value(r, c))).OfType<double>().ToList();
        if (values.Count == 0) return Empty(svg, "no data");
        var (min, max) = (values.Min(), values.Max());
        for (var c = 0; c < columns.Count; c++)
        {
            var x = left + c * cellW + cellW / 2;
            svg.Append(Invariant($"<text x=\"{x}\" y=\"{top - 6}\" font-size=\"10\" transform=\"rotate(-45 {x} {top - 6})\">{Esc(Short(columns[c]))}</text>"));
        }
        for (var r = 0; r < rows.Count; r++)
        {
            svg.Append(Invariant($"<text x=\"{left - 6}\" y=\"{top + r * cellH + 15}\" font-size=\"11\" text-anchor=\"end\">{Esc(Short(rows[r]))}</text>"));
            for (var c = 0; c < columns.Count; c++)
            {
                if (value(r, c) is not { } v) continue;
                var shade = max > min ? (v - min) / (max - min) : 0.5;
                var fill = Invariant($"rgb({(int)(255 - 177 * shade)},{(int)(255 - 134 * shade)},{(int)(255 - 88 * shade)})");
                svg.Append(Invariant($"<rect class=\"cell\" x=\"{left + c * cellW}\" y=\"{top + r * cellH}\" width=\"{cellW - 1}\" height=\"{cellH - 1}\" fill=\"{fill}\"><title>{Esc($"{rows[r]} × {columns[c]}: {format(v)}")}</title></rect>"));
                svg.Append(Invariant($"<text x=\"{left + c * cellW + cellW / 2}\" y=\"{top + r * cellH + 15}\" font-size=\"9\" text-anchor=\"middle\">{Esc(format(v))}</text>"));
            }
        }
        return svg.Append("</svg>").ToString();
    }

    private static StringBuilder Open(string id, string title, int width, int height, string kind) => new StringBuilder()
        .Append(Invariant($"<svg class=\"chart\" data-chart=\"{Esc(id)}\" data-kind=\"{kind}\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{Esc(title)}\">"))
        .Append(Invariant($"<text x=\"8\" y=\"18\" font-size=\"14\" font-weight=\"bold\">{Esc(title)}</text>"));

    private static string Empty(StringBuilder svg, string message) =>
        svg.Append(Invariant($"<text x=\"{Left}\" y=\"{Top + 40}\" font-size=\"12\" fill=\"#888\">{Esc(message)}</text></svg>")).ToString();

    private static void Axis(StringBuilder svg, double max, int plotH, Func<double, string> format)
    {
        for (var tick = 0; tick <= 4; tick++)
        {
            var v = max * tick / 4;
            var y = Y(v, max, plotH);
            svg.Append(Invariant($"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\" stroke=\"#ddd\"/>"));
            svg.Append(Invariant($"<text x=\"{Left - 4}\" y=\"{y + 4:0.#}\" font-size=\"10\" text-anchor=\"end\">{Esc(format(v))}</text>"));
        }
    }

    private static double Y(double value, double max, int plotH) => Top + plotH - Math.Clamp(value / max, 0, 1) * plotH;

    private static string Short(string label) => label.Length <= 16 ? label : label[..15] + "…";

    public static string Esc(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
