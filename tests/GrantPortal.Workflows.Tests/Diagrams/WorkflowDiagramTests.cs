using System.Globalization;
using System.Xml.Linq;
using GrantPortal.Workflows.Definitions;
using GrantPortal.Workflows.Diagrams;

namespace GrantPortal.Workflows.Tests.Diagrams;

public sealed class WorkflowDiagramTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static readonly WorkflowDefinition Grant = GrantWorkflowSample.Create();

    private static XDocument Whole(string language = "ru") => XDocument.Parse(WorkflowDiagram.ToSvg(Grant, language));

    private static XDocument Instance() =>
        XDocument.Parse(WorkflowDiagram.ToSvg(Grant, "ru", "ExpertReview", GrantWorkflowSample.PathToExpertReview));

    private static IEnumerable<XElement> WithClass(XDocument svg, string cssClass) =>
        svg.Descendants().Where(e => ((string?)e.Attribute("class"))?.Split(' ').Contains(cssClass) == true);

    private static IEnumerable<XElement> States(XDocument svg) => WithClass(svg, "wf-state");

    [Fact]
    public void ToSvg_IsAStandaloneSvg_LabelledByItsTitleAndDescription()
    {
        var svg = Whole();
        var root = svg.Root!;

        Assert.Equal(Svg + "svg", root.Name);
        Assert.Equal("img", (string?)root.Attribute("role"));
        Assert.Matches(@"^-?[\d.]+ -?[\d.]+ [\d.]+ [\d.]+$", (string?)root.Attribute("viewBox"));
        var ids = ((string)root.Attribute("aria-labelledby")!).Split(' ');
        var title = root.Elements(Svg + "title").Single();
        var desc = root.Elements(Svg + "desc").Single();
        Assert.Equal([(string)title.Attribute("id")!, (string)desc.Attribute("id")!], ids);
        Assert.Equal("Грант на замещение комплектующих", title.Value);
        Assert.StartsWith("Состояния: Черновик, Подана, Формальная проверка, ", desc.Value);
        Assert.All(Grant.States, s => Assert.Contains(s.Name.Ru, desc.Value));
    }

    [Fact]
    public void ToSvg_DrawsEveryStateOnce_AsAGroupWithItsLocalizedName()
    {
        var states = States(Whole("en")).ToList();

        Assert.Equal(Grant.States.Select(s => s.Id).Order(), states.Select(g => (string)g.Attribute("data-state")!).Order());
        foreach (var state in Grant.States)
        {
            var group = states.Single(g => (string?)g.Attribute("data-state") == state.Id);
            Assert.Equal(state.Name.En, group.Element(Svg + "title")!.Value);
            Assert.Equal(state.Name.En.Replace(" ", ""), group.Element(Svg + "text")!.Value.Replace(" ", ""));
        }
    }

    [Fact]
    public void ToSvg_HighlightsTheCurrentState_Only()
    {
        var current = Instance().Descendants().Where(e => e.Attribute("aria-current") is not null).ToList();

        var group = Assert.Single(current);
        Assert.Equal("step", (string?)group.Attribute("aria-current"));
        Assert.Equal("ExpertReview", (string?)group.Attribute("data-state"));
        Assert.Contains("wf-current", ((string)group.Attribute("class")!).Split(' '));
        Assert.Empty(WithClass(Whole(), "wf-current"));
        Assert.DoesNotContain(Whole().Descendants(), e => e.Attribute("aria-current") is not null);
    }

    [Fact]
    public void ToSvg_MarksTheStatesAndTransitionsOfThePath()
    {
        var svg = Instance();

        var onPath = WithClass(svg, "wf-path").Select(g => (string)g.Attribute("data-state")!).Order();
        Assert.Equal(["Draft", "ExpertReview", "FormalCheck", "RevisionRequested", "Submitted"], onPath);
        var taken = WithClass(svg, "wf-edge-taken").Select(g => $"{g.Attribute("data-from")!.Value}>{g.Attribute("data-to")!.Value}").Order();
        Assert.Equal(
            ["Draft>Submitted", "FormalCheck>ExpertReview", "FormalCheck>RevisionRequested", "RevisionRequested>Submitted", "Submitted>FormalCheck"],
            taken);
        Assert.Empty(WithClass(Whole(), "wf-edge-taken"));
    }

    [Fact]
    public void ToSvg_UsesNoStyleAttributeOrElement_BecauseTheContentSecurityPolicyBlocksThem()
    {
        foreach (var svg in new[] { Whole(), Whole("en"), Instance() })
        {
            Assert.DoesNotContain(svg.Descendants(), e => e.Name.LocalName == "style");
            Assert.DoesNotContain(svg.Descendants(), e => e.Attributes().Any(a => a.Name.LocalName == "style"));
        }
    }

    [Fact]
    public void ToSvg_EscapesNamesFromTheDefinitionFile()
    {
        var nasty = GrantWorkflowSample.Create((id, name) =>
            id == "Decision" ? new LocalizedText("A & <B> \"q\" 'a'\u0001", "x") : name);
        nasty = nasty with
        {
            Name = new LocalizedText("</title><script>alert(1)</script>", "x"),
            Transitions = [.. nasty.Transitions.Select(t => t.Trigger == "approve" ? t with { Name = new LocalizedText("1 < 2 & 3", "x") } : t)],
        };

        var svg = XDocument.Parse(WorkflowDiagram.ToSvg(nasty, "ru", "Decision", ["Decision"]));

        var decision = States(svg).Single(g => (string?)g.Attribute("data-state") == "Decision");
        Assert.Equal("A & <B> \"q\" 'a'", decision.Element(Svg + "title")!.Value);
        Assert.Equal("</title><script>alert(1)</script>", svg.Root!.Element(Svg + "title")!.Value);
        Assert.Empty(svg.Descendants(Svg + "script"));
        Assert.Contains(svg.Descendants(Svg + "text"), t => t.Value == "1 < 2 & 3");
    }

    [Fact]
    public void ToSvg_KeepsStateBoxesAndTagsApart()
    {
        foreach (var svg in new[] { Whole(), Whole("en"), Instance() })
        {
            var boxes = WithClass(svg, "wf-box").Concat(WithClass(svg, "wf-tag")).Select(r => (
                Left: Number(r, "x"), Top: Number(r, "y"), Right: Number(r, "x") + Number(r, "width"), Bottom: Number(r, "y") + Number(r, "height"))).ToList();
            Assert.Equal(Grant.States.Count + 7, boxes.Count);
            for (var i = 0; i < boxes.Count; i++)
            {
                for (var j = i + 1; j < boxes.Count; j++)
                {
                    var (a, b) = (boxes[i], boxes[j]);
                    var overlap = a.Left < b.Right && b.Left < a.Right && a.Top < b.Bottom && b.Top < a.Bottom;
                    Assert.False(overlap, $"{a} overlaps {b}");
                }
            }
        }

        static double Number(XElement e, string attribute) => double.Parse((string)e.Attribute(attribute)!, CultureInfo.InvariantCulture);
    }

    [Fact]
    public void ToSvg_IsByteIdentical_ForTheSameInput_WhateverTheCulture()
    {
        var first = WorkflowDiagram.ToSvg(Grant, "ru", "ExpertReview", GrantWorkflowSample.PathToExpertReview);
        var culture = CultureInfo.CurrentCulture;
        try
        {
            // Russian formats 1.5 as "1,5": the numbers must not follow the server's culture.
            CultureInfo.CurrentCulture = new CultureInfo("ru-RU");
            var second = WorkflowDiagram.ToSvg(GrantWorkflowSample.Create(), "ru", "ExpertReview", [.. GrantWorkflowSample.PathToExpertReview]);
            Assert.Equal(first, second);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void ToSvg_DrawsOneArrowPerPairOfStates_WithTheTriggersJoined()
    {
        var twice = Grant with
        {
            Transitions = [.. Grant.Transitions, new TransitionDefinition("submitEarly", new LocalizedText("Подать досрочно", "Submit early"),
                ["Draft"], "Submitted", Roles: ["Applicant"], Guards: [], Effects: [])],
        };

        var svg = XDocument.Parse(WorkflowDiagram.ToSvg(twice, "ru"));

        var edge = Assert.Single(WithClass(svg, "wf-edge"), g => (string?)g.Attribute("data-from") == "Draft" && (string?)g.Attribute("data-to") == "Submitted");
        var label = WithClassIn(edge, "wf-edge-label").Single();
        Assert.Equal(["Подать,", "Подать досрочно"], label.Elements(Svg + "tspan").Select(t => t.Value));
    }

    [Fact]
    public void ToSvg_DrawsInternalTransitionsAsLoops_AndBackEdgesApart()
    {
        var svg = Whole();
        string Classes(string from, string to) => (string)WithClass(svg, "wf-edge")
            .Single(g => (string?)g.Attribute("data-from") == from && (string?)g.Attribute("data-to") == to).Attribute("class")!;

        Assert.Contains("wf-edge-loop", Classes("ExpertReview", "ExpertReview"));
        Assert.Contains("wf-edge-back", Classes("RevisionRequested", "Submitted"));
        Assert.Contains("wf-edge-back", Classes("Decision", "ExpertReview"));
        Assert.DoesNotContain("wf-edge-back", Classes("FormalCheck", "ExpertReview"));
    }

    [Fact]
    public void ToSvg_DrawsTransitionsIntoAStateMostStatesReach_AsTagsNamingIt()
    {
        var svg = Whole();

        var tags = WithClass(svg, "wf-edge-tag").ToList();
        Assert.Equal(7, tags.Count);
        Assert.All(tags, t => Assert.Equal("Отозвана", WithClassIn(t, "wf-tag-label").Single().Value));
        Assert.Contains("wf-sink", (string)States(svg).Single(g => (string?)g.Attribute("data-state") == "Withdrawn").Attribute("class")!);
    }

    [Fact]
    public void ToSvg_IgnoresAnUnknownCurrentStateAndPath_SoOldInstancesStillRender()
    {
        var svg = XDocument.Parse(WorkflowDiagram.ToSvg(Grant, "ru", "Gone", ["Gone", "Draft", "Gone"]));

        Assert.DoesNotContain(svg.Descendants(), e => e.Attribute("aria-current") is not null);
        Assert.Equal("Draft", (string?)Assert.Single(WithClass(svg, "wf-path")).Attribute("data-state"));
    }

    private static IEnumerable<XElement> WithClassIn(XElement root, string cssClass) =>
        root.Descendants().Where(e => ((string?)e.Attribute("class"))?.Split(' ').Contains(cssClass) == true);
}
