using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using GrantPortal.Workflows.Definitions;

namespace GrantPortal.Workflows.Diagrams;

/// <summary>
/// Draws a workflow as a standalone SVG for inline embedding: the whole workflow on the admin page, or one
/// application's view of it with its current state filled and the way it came marked.
/// </summary>
/// <remarks>
/// The markup carries no <c>style</c> attribute and no <c>&lt;style&gt;</c> element, because the site's
/// Content-Security-Policy (<c>style-src 'self'</c>) would block both: colours are presentation attributes, which
/// any rule on the classes (<c>wf-state</c>, <c>wf-current</c>, <c>wf-path</c>, <c>wf-final</c>, <c>wf-edge</c>,
/// <c>wf-edge-taken</c>, <c>wf-edge-back</c>, <c>wf-edge-tag</c>, <c>wf-sink</c>) in the site's stylesheet overrides.
/// Output depends only on the arguments, so the same input gives the same bytes (cacheable, diffable).
/// </remarks>
public static class WorkflowDiagram
{
    private const string Edge = "#6b7785";
    private const string Accent = "#0b5cad";
    private const string Ink = "#1f2933";
    private const string Muted = "#4a5563";
    private const string BoxStroke = "#8a96a3";
    private const string PathFill = "#eaf2fb";

    // The layout depends on the definition and the language alone, and costs milliseconds (candidate routes scored
    // against every obstacle): computed once per definition version and language, then only read. Definitions are
    // immutable and the catalog keeps one object per version; the table forgets a definition nobody holds.
    private static readonly ConditionalWeakTable<WorkflowDefinition, ConcurrentDictionary<string, DiagramLayout>> Layouts = new();

    /// <summary>Renders <paramref name="definition"/> as an SVG document.</summary>
    /// <param name="definition">The workflow to draw.</param>
    /// <param name="language"><c>ru</c> or <c>en</c>: the language of state and transition names (see <see cref="LocalizedText.In"/>).</param>
    /// <param name="currentState">The state to highlight (filled, with <c>aria-current="step"</c>), or null for the whole workflow.</param>
    /// <param name="path">
    /// The states the instance has been in, oldest first, repeats included; consecutive pairs mark the transitions
    /// taken. States or pairs the definition does not know are ignored, so an old instance on an edited workflow
    /// still renders.
    /// </param>
    /// <returns>An <c>&lt;svg&gt;</c> element with a <c>&lt;title&gt;</c> and a <c>&lt;desc&gt;</c>, ready to place in HTML.</returns>
    public static string ToSvg(WorkflowDefinition definition, string language, string? currentState = null, IReadOnlyList<string>? path = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(language);
        path ??= [];

        var layout = Layouts.GetValue(definition, _ => new ConcurrentDictionary<string, DiagramLayout>(StringComparer.Ordinal))
            .GetOrAdd(language, l => DiagramLayout.Compute(definition, l));
        var current = layout.Nodes.FirstOrDefault(n => n.Id == currentState);
        var visited = path.ToHashSet(StringComparer.Ordinal);
        var taken = new HashSet<(string, string)>();
        for (var i = 1; i < path.Count; i++) taken.Add((path[i - 1], path[i]));

        // Ids must be unique on a page that shows several diagrams (the admin list, or the workflow beside an
        // instance), yet stable: derived from the arguments, never random.
        var prefix = "wf-" + IdSafe(definition.Id) + "-" + Fnv(language + "\n" + currentState + "\n" + string.Join("\n", path));
        var titleId = prefix + "-title";
        var descId = prefix + "-desc";
        var arrow = prefix + "-arrow";
        var arrowTaken = prefix + "-arrow-taken";

        var b = layout.Bounds;
        var svg = new StringBuilder();
        svg.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"wf-diagram\"")
            .Append(" viewBox=\"").Append(N(b.Left)).Append(' ').Append(N(b.Top)).Append(' ').Append(N(b.Width)).Append(' ').Append(N(b.Height)).Append('"')
            .Append(" width=\"").Append(N(b.Width)).Append("\" height=\"").Append(N(b.Height)).Append('"')
            .Append(" role=\"img\" aria-labelledby=\"").Append(titleId).Append(' ').Append(descId).Append('"')
            .Append(" font-family=\"system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif\">\n");
        svg.Append("<title id=\"").Append(titleId).Append("\">").Append(Escape(definition.Name.In(language))).Append("</title>\n");
        svg.Append("<desc id=\"").Append(descId).Append("\">").Append(Escape(Describe(layout, language, current, path))).Append("</desc>\n");
        svg.Append("<defs>\n");
        Marker(svg, arrow, "wf-arrow", Edge);
        Marker(svg, arrowTaken, "wf-arrow wf-arrow-taken", Accent);
        svg.Append("</defs>\n");

        // Taken edges last, so their colour lies on top where lines share a corridor.
        svg.Append("<g class=\"wf-edges\">\n");
        foreach (var edge in layout.Edges.OrderBy(e => taken.Contains((e.From.Id, e.To.Id)) ? 1 : 0).ThenBy(e => e.Index))
        {
            WriteEdge(svg, edge, taken.Contains((edge.From.Id, edge.To.Id)), arrow, arrowTaken);
        }
        svg.Append("</g>\n");

        svg.Append("<g class=\"wf-states\">\n");
        foreach (var node in layout.Nodes)
        {
            WriteState(svg, node, node == current, visited.Contains(node.Id));
        }
        svg.Append("</g>\n</svg>\n");
        return svg.ToString();
    }

    private static void Marker(StringBuilder svg, string id, string cssClass, string fill) =>
        svg.Append("<marker id=\"").Append(id).Append("\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"9\" markerHeight=\"9\"")
            .Append(" markerUnits=\"userSpaceOnUse\" orient=\"auto\"><path class=\"").Append(cssClass)
            .Append("\" d=\"M0,0 L10,5 L0,10 z\" fill=\"").Append(fill).Append("\"/></marker>\n");

    private static void WriteEdge(StringBuilder svg, DiagramEdge edge, bool taken, string arrow, string arrowTaken)
    {
        var back = edge.Kind == EdgeKind.Corridor && edge.To.Layer <= edge.From.Layer;
        var cssClass = "wf-edge"
            + (back ? " wf-edge-back" : "")
            + (edge.Kind == EdgeKind.Loop ? " wf-edge-loop" : "")
            + (edge.Kind == EdgeKind.Stub ? " wf-edge-tag" : "")
            + (taken ? " wf-edge-taken" : "");
        svg.Append("<g class=\"").Append(cssClass).Append("\" data-from=\"").Append(Escape(edge.From.Id))
            .Append("\" data-to=\"").Append(Escape(edge.To.Id)).Append("\">");
        svg.Append("<title>").Append(Escape(edge.Label + ": " + edge.From.Name + " → " + edge.To.Name)).Append("</title>");

        svg.Append("<path d=\"").Append(edge.Cubic ? CubicData(edge.Points) : RoundedData(edge.Points, 8)).Append('"')
            .Append(" fill=\"none\" stroke=\"").Append(taken ? Accent : Edge).Append('"')
            .Append(" stroke-width=\"").Append(taken ? "2.4" : "1.3").Append('"');
        // Dashed back edges read as "returns" even where they run beside forward ones.
        if (back) svg.Append(" stroke-dasharray=\"6 4\"");
        svg.Append(" marker-end=\"url(#").Append(taken ? arrowTaken : arrow).Append(")\"/>");

        if (edge.PlacedLabel is { } label) WriteLabel(svg, label, "wf-edge-label", taken);
        if (edge.Tag is { } tag)
        {
            svg.Append("<rect class=\"wf-tag\" x=\"").Append(N(tag.Box.Left)).Append("\" y=\"").Append(N(tag.Box.Top))
                .Append("\" width=\"").Append(N(tag.Box.Width)).Append("\" height=\"").Append(N(tag.Box.Height))
                .Append("\" rx=\"9\" fill=\"#ffffff\" stroke=\"").Append(taken ? Accent : BoxStroke)
                .Append("\" stroke-width=\"").Append(taken ? "1.6" : "1").Append("\" stroke-dasharray=\"3 2\"/>");
            WriteLabel(svg, tag, "wf-tag-label", taken);
        }
        svg.Append("</g>\n");
    }

    private static void WriteLabel(StringBuilder svg, PlacedLabel label, string cssClass, bool taken)
    {
        var height = label.Lines.Length * DiagramLayout.LabelLineHeight;
        var baseline = label.Box.CenterY - height / 2 + DiagramLayout.LabelLineHeight * 0.75;
        svg.Append("<text class=\"").Append(cssClass).Append("\" x=\"").Append(N(label.Box.CenterX)).Append("\" y=\"").Append(N(baseline))
            .Append("\" text-anchor=\"middle\" font-size=\"").Append(N(DiagramLayout.LabelFontSize))
            .Append("\" fill=\"").Append(taken ? Accent : Muted).Append('"');
        if (taken) svg.Append(" font-weight=\"600\"");
        svg.Append('>');
        Lines(svg, label.Lines, label.Box.CenterX, DiagramLayout.LabelLineHeight);
        svg.Append("</text>");
    }

    private static void WriteState(StringBuilder svg, DiagramNode node, bool current, bool onPath)
    {
        var final = node.State.IsFinal;
        var cssClass = "wf-state"
            + (final ? " wf-final" : "")
            + (node.IsSink ? " wf-sink" : "")
            + (onPath ? " wf-path" : "")
            + (current ? " wf-current" : "");
        svg.Append("<g class=\"").Append(cssClass).Append("\" data-state=\"").Append(Escape(node.Id)).Append('"');
        if (current) svg.Append(" aria-current=\"step\"");
        svg.Append("><title>").Append(Escape(node.Name)).Append("</title>");

        var fill = current ? Accent : onPath ? PathFill : "#ffffff";
        var stroke = current || onPath ? Accent : BoxStroke;
        var width = current || onPath ? "2" : "1.2";
        var box = node.Box;
        Rect(svg, "wf-box", box, 8, fill, stroke, width);
        // Final states get the double border of state-chart notation.
        if (final) Rect(svg, "wf-box-inner", box.Inflate(-3.5), 5, "none", current ? "#ffffff" : stroke, "1");

        var height = node.Lines.Length * DiagramLayout.StateLineHeight;
        var baseline = box.CenterY - height / 2 + DiagramLayout.StateLineHeight * 0.74;
        svg.Append("<text class=\"wf-state-name\" x=\"").Append(N(box.CenterX)).Append("\" y=\"").Append(N(baseline))
            .Append("\" text-anchor=\"middle\" font-size=\"").Append(N(DiagramLayout.StateFontSize))
            .Append("\" fill=\"").Append(current ? "#ffffff" : Ink).Append('"');
        if (current) svg.Append(" font-weight=\"600\"");
        svg.Append('>');
        Lines(svg, node.Lines, box.CenterX, DiagramLayout.StateLineHeight);
        svg.Append("</text></g>\n");
    }

    private static void Rect(StringBuilder svg, string cssClass, Box box, double radius, string fill, string stroke, string width) =>
        svg.Append("<rect class=\"").Append(cssClass).Append("\" x=\"").Append(N(box.Left)).Append("\" y=\"").Append(N(box.Top))
            .Append("\" width=\"").Append(N(box.Width)).Append("\" height=\"").Append(N(box.Height))
            .Append("\" rx=\"").Append(N(radius)).Append("\" fill=\"").Append(fill).Append("\" stroke=\"").Append(stroke)
            .Append("\" stroke-width=\"").Append(width).Append("\"/>");

    private static void Lines(StringBuilder svg, string[] lines, double x, double lineHeight)
    {
        if (lines.Length == 1)
        {
            svg.Append(Escape(lines[0]));
            return;
        }
        for (var i = 0; i < lines.Length; i++)
        {
            svg.Append("<tspan x=\"").Append(N(x)).Append("\" dy=\"").Append(i == 0 ? "0" : N(lineHeight)).Append("\">")
                .Append(Escape(lines[i])).Append("</tspan>");
        }
    }

    private static string Describe(DiagramLayout layout, string language, DiagramNode? current, IReadOnlyList<string> path)
    {
        var en = language == "en";
        var names = layout.Nodes.ToDictionary(n => n.Id, n => n.Name);
        var ordered = layout.Nodes.OrderBy(n => n.IsSink).ThenBy(n => n.Layer).ThenBy(n => n.X).ThenBy(n => n.Index);
        var text = new StringBuilder(en ? "States: " : "Состояния: ").AppendJoin(", ", ordered.Select(n => n.Name)).Append('.');
        if (current is not null) text.Append(en ? " Current state: " : " Текущее состояние: ").Append(current.Name).Append('.');
        var known = path.Where(names.ContainsKey).Select(s => names[s]).ToList();
        if (known.Count > 0) text.Append(en ? " Path so far: " : " Пройденный путь: ").AppendJoin(" → ", known).Append('.');
        return text.ToString();
    }

    private static string CubicData(List<Point> p) =>
        $"M{N(p[0].X)},{N(p[0].Y)} C{N(p[1].X)},{N(p[1].Y)} {N(p[2].X)},{N(p[2].Y)} {N(p[3].X)},{N(p[3].Y)}";

    /// <summary>A polyline whose corners are rounded with quadratic curves, so corridors look drawn rather than routed.</summary>
    private static string RoundedData(List<Point> p, double radius)
    {
        var d = new StringBuilder().Append('M').Append(N(p[0].X)).Append(',').Append(N(p[0].Y));
        for (var i = 1; i < p.Count - 1; i++)
        {
            var before = Toward(p[i], p[i - 1], radius);
            var after = Toward(p[i], p[i + 1], radius);
            d.Append(" L").Append(N(before.X)).Append(',').Append(N(before.Y))
                .Append(" Q").Append(N(p[i].X)).Append(',').Append(N(p[i].Y)).Append(' ').Append(N(after.X)).Append(',').Append(N(after.Y));
        }
        d.Append(" L").Append(N(p[^1].X)).Append(',').Append(N(p[^1].Y));
        return d.ToString();

        static Point Toward(Point from, Point to, double r)
        {
            var length = Math.Sqrt((to.X - from.X) * (to.X - from.X) + (to.Y - from.Y) * (to.Y - from.Y));
            if (length == 0) return from;
            var t = Math.Min(r, length / 2) / length;
            return new Point(from.X + (to.X - from.X) * t, from.Y + (to.Y - from.Y) * t);
        }
    }

    private static string N(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>
    /// Escapes for both text and attribute values, and drops characters XML 1.0 cannot carry at all (control
    /// characters pasted into a definition file would otherwise make the whole page's SVG invalid).
    /// </summary>
    internal static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '&': escaped.Append("&amp;"); break;
                case '<': escaped.Append("&lt;"); break;
                case '>': escaped.Append("&gt;"); break;
                case '"': escaped.Append("&quot;"); break;
                case '\'': escaped.Append("&apos;"); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        escaped.Append(c).Append(text[++i]);
                    }
                    else if (c is '\t' or '\n' or '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD))
                    {
                        escaped.Append(c);
                    }
                    break;
            }
        }
        return escaped.ToString();
    }

    private static string IdSafe(string id)
    {
        var safe = new StringBuilder(id.Length);
        foreach (var c in id) safe.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_');
        return safe.ToString();
    }

    /// <summary>FNV-1a: string.GetHashCode is randomised per process, and the ids must not change between renders.</summary>
    private static string Fnv(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash ^= c;
            hash *= 16777619u;
        }
        return hash.ToString("x8", CultureInfo.InvariantCulture);
    }
}
