using GrantPortal.Testing;
using GrantPortal.Web.Features.Decisions;

namespace GrantPortal.Web.Tests.Features.Decisions;

public sealed class DecisionPdfTests
{
    private readonly DecisionPdf _renderer = SampleDecisions.Renderer();

    [Fact]
    public void Approval_ShowsTheDecisionTheApplicantAndTheAmountInFiguresAndWords()
    {
        var pdf = _renderer.Render(SampleDecisions.Approval());
        var text = Poppler.Text(pdf);

        Assert.Contains("РЕШЕНИЕ", text);
        Assert.Contains("о предоставлении гранта", text);
        Assert.Contains("№ РГ-2026/0042 от 21.11.2026", text); // the Moscow date of 20.11.2026 22:30 UTC
        Assert.Contains("«Уральские подшипники»", text);
        Assert.Contains("6671234564", text);
        Assert.Contains("1126671000019", text);
        Assert.Contains("Свердловская область", text);
        Assert.Contains("8482500009", text);
        Assert.Contains("100 000 000,00 ₽", text);
        Assert.Contains("сто миллионов рублей 00 копеек", text);
        Assert.Contains("Итого", text);
        Assert.Contains("Технологический уровень и новизна", text);
        Assert.Contains("Эксперт 1", text);
        Assert.Contains("Поддержать с изменениями", text);
        Assert.Contains("Утвердил", text);
        Assert.Contains("https://grants.agency.example/verify/7K3M-Q9TX-2D4F", text);
        Assert.Contains($"Код проверки: {SampleDecisions.VerificationCode}", text);
        Assert.Contains($"Страница 1 из {Poppler.PageCount(pdf)}", text);
    }

    [Fact]
    public void Rejection_GivesTheReasonsAndNoAmount()
    {
        var text = Poppler.Text(_renderer.Render(SampleDecisions.Rejection()));

        Assert.Contains("об отказе в предоставлении гранта", text);
        Assert.Contains("Отказать заявителю в предоставлении гранта.", text);
        Assert.Contains("Основания", text);
        Assert.Contains("спрос на продукцию не подтверждён", text);
        Assert.DoesNotContain("копеек", text);
    }

    [Fact]
    public void LongDecision_RunsOverPages_EachWithHeaderFooterAndItsNumber()
    {
        var pdf = _renderer.Render(SampleDecisions.Approval(stages: 40, conditionParagraphs: 12));

        var pages = Poppler.PageCount(pdf);
        Assert.True(pages >= 3, $"{pages} pages");
        for (var page = 1; page <= pages; page++)
        {
            var text = Poppler.Text(pdf, page);
            Assert.Contains("Фонд технологического развития", text);
            Assert.Contains("Решение № РГ-2026/0042 от 21.11.2026", text);
            Assert.Contains($"Код проверки: {SampleDecisions.VerificationCode}", text);
            Assert.Contains($"Страница {page} из {pages}", text);
        }

        // Every stage is there once, and each page the schedule runs onto starts with its header row again.
        var all = Poppler.Text(pdf);
        Assert.Contains("01.07.2033", all); // the 40th stage starts in July 2033
        var schedulePages = Enumerable.Range(1, pages).Where(p => Poppler.Text(pdf, p).Contains("Проведение испытаний")).ToList();
        Assert.True(schedulePages.Count >= 2, "the schedule spans pages");
        Assert.All(schedulePages, p => Assert.Contains("Вид работ", Poppler.Text(pdf, p)));
    }

    [Fact]
    public void Render_GivesTheSameBytes_ForTheSameDecision()
    {
        var first = _renderer.Render(SampleDecisions.Approval());
        var second = _renderer.Render(SampleDecisions.Approval());
        var another = _renderer.Render(SampleDecisions.Approval(number: "РГ-2026/0043"));

        Assert.Equal(first, second);
        Assert.NotEqual(first, another);
    }

    [Fact]
    public void Render_EmbedsItsFonts()
    {
        var fonts = Poppler.Fonts(_renderer.Render(SampleDecisions.Approval())).Split('\n').Where(l => l.Contains("DejaVu")).ToList();

        Assert.Equal(2, fonts.Count); // regular and bold
        Assert.All(fonts, line => Assert.Matches(@"CID TrueType\s+Identity-H\s+yes\s+yes\s+yes", line));
    }

    [Fact]
    public void Render_RefusesAnApprovalWithoutAnAmount_AndARejectionWithOne()
    {
        Assert.Throws<ArgumentException>(() => _renderer.Render(SampleDecisions.Approval() with { Amount = null }));
        Assert.Throws<ArgumentException>(() => _renderer.Render(SampleDecisions.Rejection() with { Amount = 1m }));
    }
}
