using System.Security.Claims;
using System.Text.RegularExpressions;
using GrantPortal.Web.Domain;
using Microsoft.Extensions.Localization;

namespace GrantPortal.Web.Features.Applications;

public enum ChangeKind
{
    Added,
    Removed,
    Changed,
}

/// <summary>One field that differs between two versions, with its values as the screen shows them ("" when absent).</summary>
public sealed record FieldChange(ApplicationSection Section, string Label, string Before, string After)
{
    public ChangeKind Kind => Before.Length == 0 ? ChangeKind.Added : After.Length == 0 ? ChangeKind.Removed : ChangeKind.Changed;
}

/// <summary>What changed from one submitted version to another.</summary>
public sealed record VersionComparison(VersionHistory History, ApplicationVersion From, ApplicationVersion To, IReadOnlyList<FieldChange> Changes);

/// <summary>
/// Shows an officer what the applicant changed when resubmitting: field by field, in the order of the form. Stages,
/// budget lines and buyers are compared by position, so a line added as the second of stage 1 shows as
/// "Stage 1, line 2: ..." added, and a stage taken out as its fields removed.
/// </summary>
public sealed class CompareVersions(SubmittedVersions versions, IStringLocalizer<SharedResource> l)
{
    /// <param name="to">The later version; by default the latest.</param>
    /// <param name="from">The earlier version; by default the one before <paramref name="to"/>.</param>
    /// <returns>Null when the application or either version does not exist, or this person may not see them.</returns>
    public async Task<VersionComparison?> CompareAsync(ClaimsPrincipal user, Guid id, int? from, int? to, CancellationToken cancellationToken)
    {
        if (await versions.LoadAsync(user, id, cancellationToken) is not { Versions.Count: > 0 } history)
        {
            return null;
        }

        var later = history.Find(to ?? history.Versions[^1].Number);
        var earlier = later is null ? null : history.Find(from ?? later.Number - 1);
        return later is null || earlier is null
            ? null
            : new VersionComparison(history, earlier, later, Changes(earlier.Content, later.Content, l));
    }

    public static IReadOnlyList<FieldChange> Changes(ApplicationContent before, ApplicationContent after, IStringLocalizer l) =>
        Changes(ApplicationFields.Of(before, l), ApplicationFields.Of(after, l));

    /// <summary>The fields whose values differ, in the order of the form; a field only one side has is added or removed.</summary>
    public static IReadOnlyList<FieldChange> Changes(IReadOnlyList<ApplicationField> before, IReadOnlyList<ApplicationField> after)
    {
        var old = before.ToDictionary(f => f.Key);
        var now = after.ToDictionary(f => f.Key);

        // The later version's order, with what it no longer has put back after the field that preceded it.
        var order = after.Select(f => f.Key).ToList();
        string? previous = null;
        foreach (var field in before)
        {
            if (!now.ContainsKey(field.Key))
            {
                order.Insert(previous is null ? 0 : order.IndexOf(previous) + 1, field.Key);
            }

            previous = field.Key;
        }

        var changes = new List<FieldChange>();
        foreach (var key in order)
        {
            var (was, @is) = (old.GetValueOrDefault(key), now.GetValueOrDefault(key));
            var field = @is ?? was!;
            if ((was?.Value ?? "") != (@is?.Value ?? ""))
            {
                changes.Add(new FieldChange(field.Section, field.Label, was?.Value ?? "", @is?.Value ?? ""));
            }
        }

        return changes;
    }
}

/// <summary>A piece of a value, and whether the other version's value lacks it.</summary>
public sealed record TextPart(string Text, bool Differs);

/// <summary>
/// Which words of a text were taken out and which put in, so a changed sentence in a long summary is found at a glance.
/// Words are compared as wholes, each with the spaces after it (a longest common subsequence of words and punctuation
/// marks): spaces on their own would match each other everywhere and split a changed phrase into pieces.
/// </summary>
public static partial class WordDiff
{
    // Past this many word pairs (about two texts of 1 000 words each, once their common start and end are set aside)
    // the differing middle is shown as one change rather than spend memory on it.
    private const long MaxPairs = 1_000_000;

    public static (IReadOnlyList<TextPart> Before, IReadOnlyList<TextPart> After) Between(string before, string after)
    {
        var x = Words().Matches(before).Select(m => m.Value).ToArray();
        var y = Words().Matches(after).Select(m => m.Value).ToArray();
        var start = 0;
        while (start < x.Length && start < y.Length && x[start] == y[start])
        {
            start++;
        }

        var end = 0;
        while (end < x.Length - start && end < y.Length - start && x[^(end + 1)] == y[^(end + 1)])
        {
            end++;
        }

        var (commonX, commonY) = (new bool[x.Length], new bool[y.Length]);
        Array.Fill(commonX, true, 0, start);
        Array.Fill(commonY, true, 0, start);
        Array.Fill(commonX, true, x.Length - end, end);
        Array.Fill(commonY, true, y.Length - end, end);
        var (m, n) = (x.Length - start - end, y.Length - start - end);
        if ((long)m * n <= MaxPairs)
        {
            MarkCommon(x.AsSpan(start, m), y.AsSpan(start, n), commonX.AsSpan(start, m), commonY.AsSpan(start, n));
        }

        return (Parts(x, commonX), Parts(y, commonY));
    }

    private static void MarkCommon(ReadOnlySpan<string> x, ReadOnlySpan<string> y, Span<bool> commonX, Span<bool> commonY)
    {
        // lengths[i, j]: the longest common subsequence of x[i..] and y[j..].
        var lengths = new int[x.Length + 1, y.Length + 1];
        for (var i = x.Length - 1; i >= 0; i--)
        {
            for (var j = y.Length - 1; j >= 0; j--)
            {
                lengths[i, j] = x[i] == y[j] ? lengths[i + 1, j + 1] + 1 : Math.Max(lengths[i + 1, j], lengths[i, j + 1]);
            }
        }

        for (int i = 0, j = 0; i < x.Length && j < y.Length;)
        {
            if (x[i] == y[j])
            {
                commonX[i++] = true;
                commonY[j++] = true;
            }
            else if (lengths[i + 1, j] >= lengths[i, j + 1])
            {
                i++;
            }
            else
            {
                j++;
            }
        }
    }

    /// <summary>Runs of common and of differing words.</summary>
    private static List<TextPart> Parts(string[] words, bool[] common)
    {
        var parts = new List<TextPart>();
        for (var i = 0; i < words.Length; i++)
        {
            var differs = !common[i];
            if (parts.Count > 0 && parts[^1].Differs == differs)
            {
                parts[^1] = parts[^1] with { Text = parts[^1].Text + words[i] };
            }
            else
            {
                parts.Add(new TextPart(words[i], differs));
            }
        }

        return parts;
    }

    [GeneratedRegex(@"^\s+|\w+\s*|[^\w\s]\s*")]
    private static partial Regex Words();
}
