using GrantPortal.Workflows.Definitions;

namespace GrantPortal.Workflows.Diagrams;

internal sealed class DiagramNode(StateDefinition state, int index, string name, string[] lines)
{
    public StateDefinition State { get; } = state;

    public string Id => State.Id;

    /// <summary>Position in the definition: the tie-breaker everywhere, so equal inputs give equal pictures.</summary>
    public int Index { get; } = index;

    public string Name { get; } = name;

    public string[] Lines { get; } = lines;

    public bool IsSink { get; set; }

    public int Layer { get; set; } = -1;

    public int Order { get; set; }

    public bool OnSpine { get; set; }

    public double X { get; set; }

    public double Y { get; set; }

    public Box Box { get; set; }
}

internal enum EdgeKind
{
    /// <summary>Down to a later layer: a gentle S-curve from the bottom of one box to the top of the other.</summary>
    Forward,

    /// <summary>Back up (or sideways, or a forward edge that would cut a box): out of a side, along a corridor beside the boxes.</summary>
    Corridor,

    /// <summary>An internal transition: a small loop on a top corner.</summary>
    Loop,

    /// <summary>Into a sink state: a short arrow to a dashed tag naming the target.</summary>
    Stub,

    /// <summary>Out of a sink state (rare), or to a neighbour in the same layer: a straight line.</summary>
    Free,

    /// <summary>To a state in the same layer with boxes between: over the top, through the gap above the layer.</summary>
    Over,
}

internal sealed class DiagramEdge(DiagramNode from, DiagramNode to, int index)
{
    public DiagramNode From { get; } = from;

    public DiagramNode To { get; } = to;

    public int Index { get; } = index;

    public List<string> Names { get; } = [];

    public string Label => string.Join(", ", Names);

    public EdgeKind Kind { get; set; }

    /// <summary>-1 left, +1 right: the side a corridor edge leaves and enters by.</summary>
    public int Side { get; set; }

    public Bundle? Bundle { get; set; }

    /// <summary>The drawn shape: for <see cref="Cubic"/> edges p0, c1, c2, p3; otherwise a polyline drawn with rounded corners.</summary>
    public List<Point> Points { get; set; } = [];

    public bool Cubic { get; set; }

    /// <summary>The shape as a polyline, for collision tests.</summary>
    public List<Point> Trace { get; set; } = [];

    /// <summary>Null when the label is drawn once for the whole bundle, by its lead edge.</summary>
    public PlacedLabel? PlacedLabel { get; set; }

    public PlacedLabel? Tag { get; set; }
}

/// <summary>Corridor edges that share target, side and label: drawn along one corridor with one label.</summary>
internal sealed class Bundle(DiagramNode to, int side, string label)
{
    public DiagramNode To { get; } = to;

    public int Side { get; } = side;

    public string Label { get; } = label;

    public List<DiagramEdge> Edges { get; } = [];

    public int Low { get; set; }

    public int High { get; set; }

    public double X { get; set; }

    public double TargetY { get; set; }
}

internal sealed record PlacedLabel(string[] Lines, Box Box);

/// <summary>
/// Lays a workflow out top to bottom: layers by breadth-first distance from the initial state, a straight "main
/// line" (the longest forward path) down the middle, side states beside it, back edges in corridors outside the
/// boxes, and states that nearly everything leads to (withdrawal) in a lane of their own, reached by short tags.
/// </summary>
internal sealed class DiagramLayout
{
    public const double StateFontSize = 13;
    public const double LabelFontSize = 11;
    public const double StateLineHeight = 16;
    public const double LabelLineHeight = 13;

    // Top to bottom because edge labels then sit beside mostly vertical lines and cost no extra layer gap; left to
    // right, every label would widen the gap between all layers and the picture would not fit a page.
    private const double LayerGap = 70;
    private const double ColumnGap = 64;
    private const double CorridorMargin = 22;
    private const double LabelGap = 6;
    private const double StubLength = 14;

    // No font measuring on the server: an average glyph is about 0.6 em in the sans-serif fonts browsers pick,
    // which errs wide for Latin and is about right for Cyrillic.
    private const double EmPerChar = 0.6;

    private const int SinkInDegree = 4;

    public required List<DiagramNode> Nodes { get; init; }

    public required List<DiagramEdge> Edges { get; init; }

    public required double BoxWidth { get; init; }

    public required double BoxHeight { get; init; }

    public Box Bounds { get; private set; }

    public static double TextWidth(string text, double fontSize) => text.Length * fontSize * EmPerChar;

    public static DiagramLayout Compute(WorkflowDefinition definition, string language)
    {
        var nodes = new List<DiagramNode>();
        var byId = new Dictionary<string, DiagramNode>(StringComparer.Ordinal);
        foreach (var state in definition.States)
        {
            if (byId.ContainsKey(state.Id)) continue;
            var name = state.Name.In(language);
            var node = new DiagramNode(state, nodes.Count, name, Wrap(name, 16));
            nodes.Add(node);
            byId.Add(state.Id, node);
        }

        var edges = new List<DiagramEdge>();
        var byPair = new Dictionary<(string, string), DiagramEdge>();
        foreach (var transition in definition.Transitions)
        {
            if (!byId.TryGetValue(transition.To, out var to)) continue;
            foreach (var fromId in transition.From.Distinct())
            {
                if (!byId.TryGetValue(fromId, out var from)) continue;
                if (!byPair.TryGetValue((fromId, transition.To), out var edge))
                {
                    edge = new DiagramEdge(from, to, edges.Count);
                    edges.Add(edge);
                    byPair.Add((fromId, transition.To), edge);
                }
                var label = transition.Name.In(language);
                if (!edge.Names.Contains(label)) edge.Names.Add(label);
            }
        }

        var widest = nodes.Count == 0 ? 0 : nodes.Max(n => n.Lines.Max(l => TextWidth(l, StateFontSize)));
        var twoLines = nodes.Any(n => n.Lines.Length > 1);
        var layout = new DiagramLayout
        {
            Nodes = nodes,
            Edges = edges,
            BoxWidth = Math.Ceiling(Math.Max(104, widest + 28)),
            BoxHeight = twoLines ? 48 : 34,
        };
        if (nodes.Count > 0) layout.Arrange(byId.GetValueOrDefault(definition.InitialState) ?? nodes[0]);
        return layout;
    }

    private void Arrange(DiagramNode initial)
    {
        FindSinks(initial);
        var layers = AssignLayers(initial);
        ClassifyEdges();
        OrderLayers(layers);
        MarkSpine(initial);
        PlaceColumns(layers);
        foreach (var node in Nodes.Where(n => !n.IsSink))
        {
            node.Y = node.Layer * (BoxHeight + LayerGap);
            node.Box = BoxAt(node);
        }

        RouteForward();
        RouteWithinLayers();
        RouteCorridors();
        RouteLoops(Edges.Where(e => e.Kind == EdgeKind.Loop && !e.From.IsSink));

        var obstacles = new Obstacles();
        foreach (var node in Nodes.Where(n => !n.IsSink)) obstacles.AddBox(node.Box);
        foreach (var edge in Edges) obstacles.AddLine(edge.Trace);
        PlaceLabels(obstacles, Edges.Where(e => e.Trace.Count > 0 && e.Kind != EdgeKind.Stub));
        PlaceTags(obstacles);

        // Sinks go last, beyond everything already drawn, so their lane never pushes into the tags or labels.
        PlaceSinks();
        var late = Edges.Where(e => e.From.IsSink && e.Kind is EdgeKind.Loop or EdgeKind.Free).ToList();
        foreach (var sink in Nodes.Where(n => n.IsSink)) obstacles.AddBox(sink.Box);
        RouteLoops(late.Where(e => e.Kind == EdgeKind.Loop));
        RouteFree(late.Where(e => e.Kind == EdgeKind.Free));
        foreach (var edge in late) obstacles.AddLine(edge.Trace);
        PlaceLabels(obstacles, late);

        var bounds = Nodes[0].Box;
        foreach (var node in Nodes) bounds = Box.Union(bounds, node.Box);
        foreach (var edge in Edges)
        {
            if (edge.Trace.Count > 0) bounds = Box.Union(bounds, Box.Around(edge.Trace));
            if (edge.PlacedLabel is { } label) bounds = Box.Union(bounds, label.Box);
            if (edge.Tag is { } tag) bounds = Box.Union(bounds, tag.Box);
        }
        Bounds = bounds.Inflate(12);
    }

    private Box BoxAt(DiagramNode node) => new(node.X - BoxWidth / 2, node.Y - BoxHeight / 2, BoxWidth, BoxHeight);

    /// <summary>
    /// A state most others lead to (withdrawal, cancellation) would, drawn as a normal target, pull a fan of long
    /// lines across the whole picture and, by distance, sit in the second layer. It is left out of the layering and
    /// its incoming edges become short tags naming it; the state itself stands in a lane at the right edge.
    /// </summary>
    private void FindSinks(DiagramNode initial)
    {
        foreach (var node in Nodes)
        {
            if (node == initial) continue;
            var sources = Edges.Count(e => e.To == node && e.From != node);
            node.IsSink = sources >= SinkInDegree;
        }
    }

    private List<List<DiagramNode>> AssignLayers(DiagramNode initial)
    {
        initial.Layer = 0;
        var queue = new Queue<DiagramNode>([initial]);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            foreach (var edge in Edges.Where(e => e.From == node && !e.To.IsSink && e.To.Layer < 0))
            {
                edge.To.Layer = node.Layer + 1;
                queue.Enqueue(edge.To);
            }
        }

        // States the initial state cannot reach (a definition under construction) still get drawn: in a last layer.
        var last = Nodes.Where(n => !n.IsSink).Max(n => n.Layer) + 1;
        foreach (var node in Nodes.Where(n => !n.IsSink && n.Layer < 0)) node.Layer = last;

        var layers = Nodes.Where(n => !n.IsSink).GroupBy(n => n.Layer).OrderBy(g => g.Key).Select(g => g.ToList()).ToList();
        for (var i = 0; i < layers.Count; i++)
        {
            foreach (var node in layers[i])
            {
                node.Layer = i;
                node.Order = layers[i].IndexOf(node);
            }
        }
        return layers;
    }

    private void ClassifyEdges()
    {
        foreach (var edge in Edges)
        {
            edge.Kind = edge.From == edge.To ? EdgeKind.Loop
                : edge.To.IsSink ? EdgeKind.Stub
                : edge.From.IsSink ? EdgeKind.Free
                : edge.To.Layer > edge.From.Layer ? EdgeKind.Forward
                : EdgeKind.Corridor;
        }
    }

    /// <summary>Barycentre sweeps down and up, twice: enough to untangle a dozen states.</summary>
    private void OrderLayers(List<List<DiagramNode>> layers)
    {
        var forward = Edges.Where(e => e.Kind == EdgeKind.Forward).ToList();
        for (var pass = 0; pass < 2; pass++)
        {
            for (var i = 1; i < layers.Count; i++)
            {
                Reorder(layers[i], n => forward.Where(e => e.To == n).Select(e => e.From));
            }
            for (var i = layers.Count - 2; i >= 0; i--)
            {
                Reorder(layers[i], n => forward.Where(e => e.From == n).Select(e => e.To));
            }
        }

        static void Reorder(List<DiagramNode> layer, Func<DiagramNode, IEnumerable<DiagramNode>> neighbours)
        {
            var sorted = layer
                .Select(n => (Node: n, Key: neighbours(n).Select(m => (double)m.Order).DefaultIfEmpty(n.Order).Average()))
                .OrderBy(x => x.Key).ThenBy(x => x.Node.Order)
                .Select(x => x.Node)
                .ToList();
            layer.Clear();
            layer.AddRange(sorted);
            for (var i = 0; i < layer.Count; i++) layer[i].Order = i;
        }
    }

    /// <summary>The longest forward path from the initial state: drawn as a straight vertical line.</summary>
    private void MarkSpine(DiagramNode initial)
    {
        var length = new Dictionary<DiagramNode, int>();
        var next = new Dictionary<DiagramNode, DiagramNode>();
        foreach (var node in Nodes.Where(n => !n.IsSink).OrderByDescending(n => n.Layer).ThenBy(n => n.Index))
        {
            length[node] = 0;
            foreach (var edge in Edges.Where(e => e.From == node && e.Kind == EdgeKind.Forward).OrderBy(e => e.To.Index))
            {
                if (length[edge.To] + 1 > length[node])
                {
                    length[node] = length[edge.To] + 1;
                    next[node] = edge.To;
                }
            }
        }
        for (DiagramNode? node = initial; node is not null; node = next.GetValueOrDefault(node)) node.OnSpine = true;
    }

    /// <summary>
    /// Main-line states stay at x = 0; every other state moves towards the mean of its neighbours in the next layer
    /// up (then down), keeping the order the sweeps chose and a column apart.
    /// </summary>
    private void PlaceColumns(List<List<DiagramNode>> layers)
    {
        var pitch = BoxWidth + ColumnGap;
        foreach (var layer in layers)
        {
            var pinned = layer.FindIndex(n => n.OnSpine);
            var origin = pinned >= 0 ? pinned : (layer.Count - 1) / 2.0;
            foreach (var node in layer) node.X = (node.Order - origin) * pitch;
        }

        var forward = Edges.Where(e => e.Kind == EdgeKind.Forward).ToList();
        for (var pass = 0; pass < 4; pass++)
        {
            var down = pass % 2 == 0;
            var sequence = down ? layers.Skip(1) : layers.AsEnumerable().Reverse().Skip(1);
            foreach (var layer in sequence)
            {
                var desired = layer.Select(n =>
                {
                    var neighbours = down
                        ? forward.Where(e => e.To == n).Select(e => e.From)
                        : forward.Where(e => e.From == n).Select(e => e.To);
                    return neighbours.Select(m => m.X).DefaultIfEmpty(n.X).Average();
                }).ToArray();
                Spread(layer, desired, pitch);
            }
        }
    }

    private static void Spread(List<DiagramNode> layer, double[] desired, double pitch)
    {
        var pinned = layer.FindIndex(n => n.OnSpine);
        if (pinned >= 0)
        {
            for (var i = pinned + 1; i < layer.Count; i++) layer[i].X = Math.Max(desired[i], layer[i - 1].X + pitch);
            for (var i = pinned - 1; i >= 0; i--) layer[i].X = Math.Min(desired[i], layer[i + 1].X - pitch);
            return;
        }

        // Packed from the left and from the right, then averaged: a pair under one parent straddles it.
        var left = new double[layer.Count];
        var right = new double[layer.Count];
        for (var i = 0; i < layer.Count; i++) left[i] = i == 0 ? desired[i] : Math.Max(desired[i], left[i - 1] + pitch);
        for (var i = layer.Count - 1; i >= 0; i--) right[i] = i == layer.Count - 1 ? desired[i] : Math.Min(desired[i], right[i + 1] - pitch);
        for (var i = 0; i < layer.Count; i++) layer[i].X = (left[i] + right[i]) / 2;
    }

    private void RouteForward()
    {
        var forward = Edges.Where(e => e.Kind == EdgeKind.Forward).ToList();

        // A forward edge over several layers could cut through a box on the way: then it takes a corridor instead.
        foreach (var edge in forward.Where(e => e.To.Layer - e.From.Layer > 1))
        {
            var trace = CubicTrace(new Point(edge.From.X, edge.From.Box.Bottom), new Point(edge.To.X, edge.To.Box.Top));
            if (CutsABox(trace, edge.From, edge.To)) edge.Kind = EdgeKind.Corridor;
        }
        forward = forward.Where(e => e.Kind == EdgeKind.Forward).ToList();

        var bottom = new Dictionary<DiagramEdge, double>();
        var top = new Dictionary<DiagramEdge, double>();
        foreach (var group in forward.GroupBy(e => e.From))
        {
            Ports(group.OrderBy(e => e.To.X).ThenBy(e => e.To.Index).ToList(), group.Key, bottom);
        }
        foreach (var group in forward.GroupBy(e => e.To))
        {
            Ports(group.OrderBy(e => e.From.X).ThenBy(e => e.From.Index).ToList(), group.Key, top);
        }
        foreach (var edge in forward)
        {
            var p0 = new Point(bottom[edge], edge.From.Box.Bottom);
            var p3 = new Point(top[edge], edge.To.Box.Top);
            var bend = (p3.Y - p0.Y) / 2;
            edge.Cubic = true;
            edge.Points = [p0, new Point(p0.X, p0.Y + bend), new Point(p3.X, p3.Y - bend), p3];
            edge.Trace = Curves.SampleCubic(edge.Points[0], edge.Points[1], edge.Points[2], edge.Points[3]);
        }

        // Ports spread along the edge of the box, shifted so that a neighbour straight above or below keeps a
        // straight line: the main line stays straight where it forks.
        void Ports(List<DiagramEdge> ordered, DiagramNode node, Dictionary<DiagramEdge, double> into)
        {
            var step = ordered.Count > 1 ? Math.Min(16, (BoxWidth - 32) / (ordered.Count - 1)) : 0;
            var offsets = ordered.Select((_, i) => (i - (ordered.Count - 1) / 2.0) * step).ToArray();
            var aligned = ordered.FindIndex(e => Math.Abs((e.From == node ? e.To : e.From).X - node.X) < 0.5);
            var shift = aligned >= 0 ? -offsets[aligned] : 0;
            var limit = BoxWidth / 2 - 12;
            if (offsets.Length > 0 && (offsets[0] + shift < -limit || offsets[^1] + shift > limit)) shift = 0;
            for (var i = 0; i < ordered.Count; i++) into[ordered[i]] = node.X + offsets[i] + shift;
        }
    }

    private static List<Point> CubicTrace(Point p0, Point p3)
    {
        var bend = (p3.Y - p0.Y) / 2;
        return Curves.SampleCubic(p0, new Point(p0.X, p0.Y + bend), new Point(p3.X, p3.Y - bend), p3);
    }

    private bool CutsABox(List<Point> trace, DiagramNode from, DiagramNode to)
    {
        foreach (var node in Nodes.Where(n => !n.IsSink && n != from && n != to))
        {
            var box = node.Box.Inflate(6);
            for (var i = 1; i < trace.Count; i++)
            {
                if (box.Intersects(trace[i - 1], trace[i])) return true;
            }
        }
        return false;
    }

    private bool IsOutermost(DiagramNode node, int side) =>
        !Nodes.Any(n => !n.IsSink && n.Layer == node.Layer && (side < 0 ? n.X < node.X : n.X > node.X));

    /// <summary>
    /// Edges within a layer: straight across to a neighbour, otherwise over the top through the gap above the
    /// layer, since a corridor beside the boxes would bring the line back through the neighbours.
    /// </summary>
    private void RouteWithinLayers()
    {
        foreach (var edge in Edges.Where(e => e.Kind == EdgeKind.Corridor && e.From.Layer == e.To.Layer))
        {
            var rightward = edge.To.X > edge.From.X;
            var from = edge.From.Box;
            var to = edge.To.Box;
            if (Math.Abs(edge.From.Order - edge.To.Order) == 1)
            {
                // A pair of opposite edges between neighbours: one above the middle, one below.
                var both = Edges.Any(e => e.From == edge.To && e.To == edge.From);
                var y = from.CenterY + (both ? (rightward ? -7 : 7) : 0);
                edge.Kind = EdgeKind.Free;
                edge.Points = [new Point(rightward ? from.Right : from.Left, y), new Point(rightward ? to.Left : to.Right, y)];
            }
            else
            {
                var channel = from.Top - LayerGap / 2 + (rightward ? -6 : 6);
                var ax = edge.From.X + (rightward ? 1 : -1) * (BoxWidth / 2 - 14);
                var bx = edge.To.X + (rightward ? -1 : 1) * (BoxWidth / 2 - 14);
                edge.Kind = EdgeKind.Over;
                edge.Points = [new Point(ax, from.Top), new Point(ax, channel), new Point(bx, channel), new Point(bx, to.Top)];
            }
            edge.Trace = edge.Points;
        }
    }

    private void RouteCorridors()
    {
        var corridor = Edges.Where(e => e.Kind == EdgeKind.Corridor).ToList();
        if (corridor.Count == 0) return;

        // A side works cleanly when both ends are the outermost box of their layer on it: the line then leaves
        // and enters without a detour round a neighbour. Then the nearer side; ties go left, because tags into
        // sinks point right.
        foreach (var edge in corridor)
        {
            var low = Math.Min(edge.From.Layer, edge.To.Layer);
            var high = Math.Max(edge.From.Layer, edge.To.Layer);
            var span = Nodes.Where(n => !n.IsSink && n.Layer >= low && n.Layer <= high).ToList();
            double Cost(int side)
            {
                var blocked = (IsOutermost(edge.From, side) ? 0 : 1) + (IsOutermost(edge.To, side) ? 0 : 1);
                var edgeX = side < 0 ? span.Min(n => n.X) : span.Max(n => n.X);
                return blocked * 1e6 + Math.Abs(edgeX - edge.From.X) + Math.Abs(edgeX - edge.To.X);
            }
            edge.Side = Cost(+1) < Cost(-1) ? +1 : -1;
        }

        var bundles = new List<Bundle>();
        foreach (var edge in corridor)
        {
            var bundle = bundles.FirstOrDefault(b => b.To == edge.To && b.Side == edge.Side && b.Label == edge.Label
                && IsOutermost(edge.To, edge.Side));
            if (bundle is null)
            {
                bundle = new Bundle(edge.To, edge.Side, edge.Label);
                bundles.Add(bundle);
            }
            bundle.Edges.Add(edge);
            edge.Bundle = bundle;
        }

        // Inner corridors first; an outer one keeps clear of the inner one's label, which sits just outside it.
        foreach (var bundle in bundles)
        {
            bundle.Low = bundle.Edges.Select(e => e.From.Layer).Append(bundle.To.Layer).Min();
            bundle.High = bundle.Edges.Select(e => e.From.Layer).Append(bundle.To.Layer).Max();
        }
        var placed = new List<Bundle>();
        foreach (var bundle in bundles.OrderBy(b => b.High - b.Low).ThenBy(b => b.Edges[0].Index))
        {
            var span = Nodes.Where(n => !n.IsSink && n.Layer >= bundle.Low && n.Layer <= bundle.High).ToList();
            var x = bundle.Side < 0
                ? span.Min(n => n.Box.Left) - CorridorMargin
                : span.Max(n => n.Box.Right) + CorridorMargin;
            foreach (var inner in placed.Where(p => p.Side == bundle.Side && p.Low <= bundle.High && bundle.Low <= p.High))
            {
                var clearance = LabelSize(inner.Label).Width + 2 * LabelGap + 4;
                x = bundle.Side < 0 ? Math.Min(x, inner.X - clearance) : Math.Max(x, inner.X + clearance);
            }
            bundle.X = x;
            placed.Add(bundle);
        }

        // Ports along each side, ordered so that nested corridors do not cross: an edge heading up takes a higher
        // port the nearer its corridor runs, an edge heading down a lower one.
        var sourceY = new Dictionary<DiagramEdge, double>();
        var ports = new List<(DiagramNode Node, int Side, double Other, double Distance, Action<double> Set)>();
        foreach (var bundle in bundles)
        {
            var farthest = bundle.Edges.OrderByDescending(e => Math.Abs(e.From.Y - bundle.To.Y)).First().From;
            if (IsOutermost(bundle.To, bundle.Side))
            {
                ports.Add((bundle.To, bundle.Side, farthest.Y, Math.Abs(bundle.X - bundle.To.X), y => bundle.TargetY = y));
            }
            else
            {
                bundle.TargetY = Channel(bundle.To, farthest);
            }
            foreach (var edge in bundle.Edges)
            {
                if (IsOutermost(edge.From, edge.Side))
                {
                    ports.Add((edge.From, edge.Side, bundle.To.Y, Math.Abs(bundle.X - edge.From.X), y => sourceY[edge] = y));
                }
                else
                {
                    sourceY[edge] = Channel(edge.From, edge.To);
                }
            }
        }
        foreach (var group in ports.GroupBy(p => (p.Node, p.Side)))
        {
            var ordered = group
                .OrderBy(p => Math.Sign(p.Other - p.Node.Y))
                .ThenBy(p => Math.Sign(p.Other - p.Node.Y) > 0 ? -p.Distance : p.Distance)
                .ToList();
            for (var i = 0; i < ordered.Count; i++)
            {
                ordered[i].Set(group.Key.Node.Box.Top + BoxHeight * (i + 1) / (ordered.Count + 1));
            }
        }

        // An end that is not the outermost of its layer on the corridor's side would cross its neighbour: it
        // leaves (or enters) through the gap between layers instead, from the top or bottom of its box.
        foreach (var edge in corridor)
        {
            var bundle = edge.Bundle!;
            var inset = edge.Side * (BoxWidth / 2 - 14);
            var points = new List<Point>();
            if (IsOutermost(edge.From, edge.Side))
            {
                points.Add(new Point(edge.Side < 0 ? edge.From.Box.Left : edge.From.Box.Right, sourceY[edge]));
            }
            else
            {
                var ax = edge.From.X + inset;
                points.Add(new Point(ax, sourceY[edge] < edge.From.Y ? edge.From.Box.Top : edge.From.Box.Bottom));
                points.Add(new Point(ax, sourceY[edge]));
            }
            points.Add(new Point(bundle.X, sourceY[edge]));
            points.Add(new Point(bundle.X, bundle.TargetY));
            if (IsOutermost(edge.To, edge.Side))
            {
                points.Add(new Point(edge.Side < 0 ? edge.To.Box.Left : edge.To.Box.Right, bundle.TargetY));
            }
            else
            {
                var bx = edge.To.X + inset;
                points.Add(new Point(bx, bundle.TargetY));
                points.Add(new Point(bx, bundle.TargetY < edge.To.Y ? edge.To.Box.Top : edge.To.Box.Bottom));
            }
            edge.Points = points;
            edge.Trace = edge.Points;
        }
    }

    /// <summary>The middle of the gap beside <paramref name="node"/>'s layer on the way to <paramref name="other"/>.</summary>
    private double Channel(DiagramNode node, DiagramNode other) =>
        other.Layer < node.Layer ? node.Box.Top - LayerGap / 2 : node.Box.Bottom + LayerGap / 2;

    /// <summary>Sinks stand beyond everything else on the right, level with the middle of the states leading to them.</summary>
    private void PlaceSinks()
    {
        var sinks = Nodes.Where(n => n.IsSink).ToList();
        if (sinks.Count == 0) return;

        var right = Nodes.Where(n => !n.IsSink).Select(n => n.Box.Right).DefaultIfEmpty(0).Max();
        foreach (var edge in Edges)
        {
            if (edge.Trace.Count > 0) right = Math.Max(right, edge.Trace.Max(p => p.X));
            if (edge.PlacedLabel is { } label) right = Math.Max(right, label.Box.Right);
            if (edge.Tag is { } tag) right = Math.Max(right, tag.Box.Right);
        }
        var x = right + 36 + BoxWidth / 2;
        var bottomOfPrevious = double.MinValue;
        foreach (var sink in sinks)
        {
            var sources = Edges.Where(e => e.To == sink && !e.From.IsSink).Select(e => e.From.Y).Order().ToList();
            var y = sources.Count > 0 ? sources[sources.Count / 2] : 0;
            y = Math.Max(y, bottomOfPrevious + BoxHeight + 24);
            sink.X = x;
            sink.Y = y;
            sink.Box = BoxAt(sink);
            bottomOfPrevious = y;
        }
    }

    /// <summary>
    /// The loop goes on the top corner of the side with fewer corridor ports, preferring the side with no neighbour
    /// in the layer, so that it neither meets a corridor arrow nor reaches into the next box.
    /// </summary>
    private void RouteLoops(IEnumerable<DiagramEdge> loops)
    {
        foreach (var edge in loops)
        {
            var node = edge.From;
            int Busy(int side) => Edges.Count(e => e.Kind == EdgeKind.Corridor && e.Side == side && (e.From == node || e.To == node));
            int Score(int side) => Busy(side) * 2 + (node.IsSink || IsOutermost(node, side) ? 0 : 1);
            var s = Score(-1) < Score(+1) ? -1 : +1;
            var b = node.Box;
            var corner = s < 0 ? b.Left : b.Right;
            var start = new Point(corner - s * 20, b.Top);
            var end = new Point(corner, b.Top + 16);
            edge.Side = s;
            edge.Cubic = true;
            edge.Points = [start, new Point(start.X, b.Top - 34), new Point(corner + s * 34, end.Y), end];
            edge.Trace = Curves.SampleCubic(edge.Points[0], edge.Points[1], edge.Points[2], edge.Points[3]);
        }
    }

    private static void RouteFree(IEnumerable<DiagramEdge> free)
    {
        foreach (var edge in free)
        {
            var from = edge.From.Box;
            var to = edge.To.Box;
            var start = new Point(to.CenterX < from.CenterX ? from.Left : from.Right, from.CenterY);
            var end = new Point(to.CenterX < from.CenterX ? to.Right : to.Left, to.CenterY);
            edge.Points = [start, end];
            edge.Trace = edge.Points;
        }
    }

    public static (double Width, double Height, string[] Lines) LabelSize(string label)
    {
        var lines = Wrap(label, 22);
        return (Math.Ceiling(lines.Max(l => TextWidth(l, LabelFontSize)) * 1.08) + 4, lines.Length * LabelLineHeight + 3, lines);
    }

    private static void PlaceLabels(Obstacles obstacles, IEnumerable<DiagramEdge> edges)
    {
        double[] along = [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.12, 0.88];
        foreach (var edge in edges.Where(e => e.Kind != EdgeKind.Corridor || e.Bundle!.Edges[0] == e).ToList())
        {
            var (width, height, lines) = LabelSize(edge.Label);
            var trace = edge.Trace;
            if (edge.Kind == EdgeKind.Corridor)
            {
                // Beside the corridor's vertical run, which the whole bundle shares.
                var bundle = edge.Bundle!;
                var ys = bundle.Edges.SelectMany(e => e.Points.Where(p => p.X == bundle.X).Select(p => p.Y)).ToList();
                trace = [new Point(bundle.X, ys.Min()), new Point(bundle.X, ys.Max())];
            }

            var candidates = new List<Box>();
            if (edge.Kind == EdgeKind.Corridor)
            {
                // Outside the corridor first: inside is where the boxes are.
                foreach (var f in along)
                {
                    var (at, _, _) = Curves.Along(trace, f);
                    candidates.Add(edge.Side > 0
                        ? new Box(at.X + LabelGap, at.Y - height / 2, width, height)
                        : new Box(at.X - LabelGap - width, at.Y - height / 2, width, height));
                }
            }
            else if (edge.Kind == EdgeKind.Loop)
            {
                // Beside the loop, then above it: never over the box the loop sits on.
                var top = edge.From.Box.Top;
                var corner = edge.Side < 0 ? edge.From.Box.Left : edge.From.Box.Right;
                var beside = edge.Side < 0 ? corner - 28 - LabelGap - width : corner + 28 + LabelGap;
                var overLoop = edge.Side < 0 ? corner + 20 - width / 2 : corner - 20 - width / 2;
                candidates.Add(new Box(beside, top - 14 - height / 2, width, height));
                candidates.Add(new Box(overLoop, top - 30 - LabelGap - height, width, height));
                candidates.Add(new Box(beside, top - 30 - height / 2, width, height));
                candidates.Add(new Box(edge.Side < 0 ? corner + 4 - width : corner - 4, top - 30 - LabelGap - height, width, height));
            }
            foreach (var f in along)
            {
                var (at, dx, dy) = Curves.Along(trace, f);
                var right = new Box(at.X + LabelGap, at.Y - height / 2, width, height);
                var left = new Box(at.X - LabelGap - width, at.Y - height / 2, width, height);
                var above = new Box(at.X - width / 2, at.Y - LabelGap - height, width, height);
                var below = new Box(at.X - width / 2, at.Y + LabelGap, width, height);
                if (Math.Abs(dy) >= Math.Abs(dx))
                {
                    candidates.AddRange([right, left, right with { Top = at.Y + 2 }, left with { Top = at.Y + 2 },
                        right with { Top = at.Y - height - 2 }, left with { Top = at.Y - height - 2 }]);
                }
                else
                {
                    candidates.AddRange([above, below, above with { Left = at.X + 2 }, above with { Left = at.X - width - 2 }]);
                }
            }

            var chosen = Obstacles.Best(candidates, c => obstacles.Penalty(c));
            edge.PlacedLabel = new PlacedLabel(lines, chosen);
            obstacles.AddLabel(chosen);
        }
    }

    /// <summary>Short arrows into sink states, ending at a dashed tag with the target's name.</summary>
    private void PlaceTags(Obstacles obstacles)
    {
        foreach (var edge in Edges.Where(e => e.Kind == EdgeKind.Stub))
        {
            var name = edge.To.Name;
            var width = Math.Ceiling(TextWidth(name, LabelFontSize)) + 14;
            const double height = 18;
            var b = edge.From.Box;
            // The side facing the sink lane first; below the box before the far side, which is usually
            // where a neighbour or a corridor is.
            var candidates = new List<(Point A, Point B, Box Tag)>();
            foreach (var side in new[] { +1, -1 })
            {
                var x = side > 0 ? b.Right : b.Left;
                foreach (var y in new[] { b.CenterY, b.Bottom - 8, b.Top + 8 })
                {
                    var tip = new Point(x + side * StubLength, y);
                    var tagLeft = side > 0 ? tip.X + 2 : tip.X - 2 - width;
                    candidates.Add((new Point(x, y), tip, new Box(tagLeft, y - height / 2, width, height)));
                }
                var downX = side > 0 ? b.Right - 14 : b.Left + 14;
                var downTip = new Point(downX, b.Bottom + StubLength);
                var downLeft = side > 0 ? downX - 8 : downX - width + 8;
                candidates.Add((new Point(downX, b.Bottom), downTip, new Box(downLeft, downTip.Y + 2, width, height)));
            }

            var chosen = Obstacles.Best(candidates, c =>
            {
                var line = Box.Around([c.A, c.B]).Inflate(3);
                return obstacles.Penalty(c.Tag) + obstacles.Penalty(line, except: edge.From.Box);
            });
            edge.Points = [chosen.A, chosen.B];
            edge.Trace = edge.Points;
            edge.Tag = new PlacedLabel([name], chosen.Tag);
            obstacles.AddLabel(chosen.Tag);
            obstacles.AddLine(edge.Trace);
        }
    }

    /// <summary>
    /// Splits a long text in two at the space nearest its middle, preferring the ", " between merged transition
    /// names so that no name is broken; a text without spaces stays whole and widens its box.
    /// </summary>
    public static string[] Wrap(string text, int maxChars)
    {
        if (text.Length <= maxChars) return [text];
        var best = -1;
        var bestLonger = int.MaxValue;
        foreach (var commasOnly in new[] { true, false })
        {
            for (var i = 1; i < text.Length; i++)
            {
                if (text[i] != ' ' || (commasOnly && text[i - 1] != ',')) continue;
                var longer = Math.Max(i, text.Length - i - 1);
                if (longer < bestLonger)
                {
                    best = i;
                    bestLonger = longer;
                }
            }
            if (best >= 0) break;
        }
        return best < 0 ? [text] : [text[..best], text[(best + 1)..]];
    }
}
