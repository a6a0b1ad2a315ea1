using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace GrantPortal.Web.Tests.Resources;

public sealed partial class SharedResourceTests
{
    private static readonly string WebProject = Path.Combine(RepositoryRoot(), "src", "GrantPortal.Web");

    [Fact]
    public void EveryTextTheAppShows_HasARussianTranslation()
    {
        var russian = XDocument.Load(Path.Combine(WebProject, "Resources", "SharedResource.ru.resx"))
            .Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet();

        var missing = Directory.EnumerateFiles(WebProject, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cs") || f.EndsWith(".cshtml")) && !f.Contains("/obj/") && !f.Contains("/bin/"))
            .SelectMany(f => TextKeys().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: Regex.Unescape(m.Groups["key"].Value))))
            .Where(k => !russian.Contains(k.Key))
            .Select(k => $"{k.File}: {k.Key}")
            .Distinct()
            .ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void TheRussianTexts_HaveNoKeyTwice_IgnoringCase()
    {
        var keys = XDocument.Load(Path.Combine(WebProject, "Resources", "SharedResource.ru.resx"))
            .Root!.Elements("data").Select(d => ((string)d.Attribute("name")!).ToLowerInvariant());

        Assert.Empty(keys.GroupBy(k => k).Where(g => g.Count() > 1).Select(g => g.Key));
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory!.FullName, "GrantPortal.sln")))
        {
            directory = directory.Parent;
        }

        return directory.FullName;
    }

    // L["..."] and l["..."] in views and code, the messages and names of validation attributes, the reasons guards
    // give, and the problems the application checks report.
    [GeneratedRegex("""(?:\b[Ll]\[|ErrorMessage = |Display\(Name = |GuardResult\.Fail\(|Add\(ApplicationSection\.\w+, [^,]+, |add\(section, [^,]+, )"(?<key>(?:[^"\\]|\\.)+)"[\],)]""")]
    private static partial Regex TextKeys();
}
