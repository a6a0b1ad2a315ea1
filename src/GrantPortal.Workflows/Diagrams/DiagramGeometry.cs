namespace GrantPortal.Workflows.Diagrams;

internal readonly record struct Point(double X, double Y);

internal readonly record struct Box(double Left, double Top, double Width, double Height)
{
    public double Right => Left + Width;

    public double Bottom => Top + Height;

    public double CenterX => Left + Width / 2;

    public double CenterY => Top + Height / 2;

    public Box Inflate(double by) => new(Left - by, Top - by, Width + 2 * by, Height + 2 * by);

    public double OverlapArea(Box other)
    {
        var w = Math.Min(Right, other.Right) - Math.Max(Left, other.Left);
        var h = Math.Min(Bottom, other.Bottom) - Math.Max(Top, other.Top);
        return w > 0 && h > 0 ? w * h : 0;
    }

    /// <summary>Liang–Barsky clipping: does the segment a–b pass through this box?</summary>
    public bool Intersects(Point a, Point b)
    {
        double t0 = 0, t1 = 1;
        var dx = b.X - a.X;
        var dy = b.Y - a.Y;
        ReadOnlySpan<(double P, double Q)> sides =
            [(-dx, a.X - Left), (dx, Right - a.X), (-dy, a.Y - Top), (dy, Bottom - a.Y)];
        foreach (var (p, q) in sides)
        {
            if (p == 0)
            {
                if (q < 0) return false;
                continue;
            }
            var r = q / p;
            if (p < 0)
            {
                if (r > t1) return false;
                if (r > t0) t0 = r;
            }
            else
            {
                if (r < t0) return false;
                if (r < t1) t1 = r;
            }
        }
        return true;
    }

    public static Box Around(IEnumerable<Point> points)
    {
        double l = double.MaxValue, t = double.MaxValue, r = double.MinValue, b = double.MinValue;
        foreach (var p in points)
        {
            l = Math.Min(l, p.X);
            t = Math.Min(t, p.Y);
            r = Math.Max(r, p.X);
            b = Math.Max(b, p.Y);
        }
        return new Box(l, t, r - l, b - t);
    }

    public static Box Union(Box a, Box b)
    {
        var l = Math.Min(a.Left, b.Left);
        var t = Math.Min(a.Top, b.Top);
        return new Box(l, t, Math.Max(a.Right, b.Right) - l, Math.Max(a.Bottom, b.Bottom) - t);
    }
}

/// <summary>
/// What a label must not cover: state boxes, labels already placed and the drawn lines. Candidates are tried in the
/// caller's order of preference and the first free one wins; when none is free the least bad one is taken, so a
/// crowded definition still gets a picture rather than an exception.
/// </summary>
internal sealed class Obstacles
{
    private readonly List<Box> boxes = [];
    private readonly List<Box> labels = [];
    private readonly List<(Point A, Point B)> segments = [];

    public void AddBox(Box box) => boxes.Add(box);

    public void AddLabel(Box box) => labels.Add(box);

    public void AddLine(IReadOnlyList<Point> trace)
    {
        for (var i = 1; i < trace.Count; i++) segments.Add((trace[i - 1], trace[i]));
    }

    /// <summary>0 when <paramref name="candidate"/> is free; otherwise grows with how much it covers.</summary>
    public double Penalty(Box candidate, Box? except = null)
    {
        double penalty = 0;
        foreach (var box in boxes)
        {
            if (box == except) continue;
            var area = box.Inflate(3).OverlapArea(candidate);
            if (area > 0) penalty += 1000 + area * 10;
        }
        foreach (var label in labels)
        {
            var area = label.Inflate(2).OverlapArea(candidate);
            if (area > 0) penalty += 500 + area * 5;
        }
        var inner = candidate.Inflate(1);
        foreach (var (a, b) in segments)
        {
            if (inner.Intersects(a, b)) penalty += 200;
        }
        return penalty;
    }

    public static T Best<T>(IEnumerable<T> candidates, Func<T, double> penalty)
    {
        var found = false;
        T best = default!;
        var bestPenalty = double.MaxValue;
        foreach (var candidate in candidates)
        {
            var p = penalty(candidate);
            if (p == 0) return candidate;
            if (!found || p < bestPenalty)
            {
                found = true;
                best = candidate;
                bestPenalty = p;
            }
        }
        return found ? best : throw new InvalidOperationException("No candidate positions.");
    }
}

internal static class Curves
{
    public static List<Point> SampleCubic(Point p0, Point c1, Point c2, Point p3, int steps = 16)
    {
        var points = new List<Point>(steps + 1);
        for (var i = 0; i <= steps; i++)
        {
            var t = (double)i / steps;
            var u = 1 - t;
            points.Add(new Point(
                u * u * u * p0.X + 3 * u * u * t * c1.X + 3 * u * t * t * c2.X + t * t * t * p3.X,
                u * u * u * p0.Y + 3 * u * u * t * c1.Y + 3 * u * t * t * c2.Y + t * t * t * p3.Y));
        }
        return points;
    }

    /// <summary>A point <paramref name="fraction"/> of the way along a polyline, and the direction there.</summary>
    public static (Point At, double Dx, double Dy) Along(IReadOnlyList<Point> trace, double fraction)
    {
        var total = 0.0;
        for (var i = 1; i < trace.Count; i++) total += Distance(trace[i - 1], trace[i]);
        var wanted = total * fraction;
        for (var i = 1; i < trace.Count; i++)
        {
            var length = Distance(trace[i - 1], trace[i]);
            if (length == 0) continue;
            if (wanted <= length || i == trace.Count - 1)
            {
                var t = Math.Min(1, wanted / length);
                var a = trace[i - 1];
                var b = trace[i];
                return (new Point(a.X + (b.X - a.X) * t, a.Y + (b.Y - a.Y) * t), b.X - a.X, b.Y - a.Y);
            }
            wanted -= length;
        }
        return (trace[0], 0, 1);
    }

    private static double Distance(Point a, Point b) => Math.Sqrt((b.X - a.X) * (b.X - a.X) + (b.Y - a.Y) * (b.Y - a.Y));
}
