using GrantPortal.Web;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Features.Decisions;
using GrantPortal.Web.Infrastructure.Pdf;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GrantPortal.Testing;

/// <summary>Decision letters to render in tests and the PDF benchmark, and the renderer as the app makes it.</summary>
public static class SampleDecisions
{
    public const string VerificationCode = "7K3M-Q9TX-2D4F";

    /// <summary>The app's renderer over the app's own resources, with the fonts the app takes at start-up.</summary>
    public static DecisionPdf Renderer()
    {
        PdfFonts.Configure(new PdfOptions().FontDirectory);
        var factory = new ResourceManagerStringLocalizerFactory(
            Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance);
        return new DecisionPdf(new StringLocalizer<SharedResource>(factory));
    }

    /// <param name="stages">How many stages the schedule lists; 40 make it run over pages.</param>
    /// <param name="conditionParagraphs">How many paragraphs of conditions.</param>
    public static DecisionDocument Approval(int stages = 3, int conditionParagraphs = 1, string number = "РГ-2026/0042") => new()
    {
        AgencyName = "Фонд технологического развития",
        Number = number,
        DecidedAtUtc = new DateTime(2026, 11, 20, 22, 30, 0, DateTimeKind.Utc), // 21.11.2026 01:30 in Moscow
        Applicant = new DecisionApplicant(
            "Общество с ограниченной ответственностью «Уральские подшипники»", "6671234564", "1126671000019", "Свердловская область"),
        ProjectTitle = "Разработка и запуск производства прецизионных подшипников качения для тяговых электродвигателей",
        ImportedItem = "Подшипник роликовый цилиндрический NU 2322 (SKF, Швеция)",
        TnVedCode = "8482500009",
        Kind = DecisionKind.Approve,
        Amount = 100_000_000.00m,
        ConditionsOrReasons = string.Join('\n', Enumerable.Range(1, conditionParagraphs).Select(i =>
            $"{i}. Грантополучатель обязуется обеспечить софинансирование проекта в размере не менее 20 % бюджета, " +
            "представлять отчёты о ходе выполнения этапов в сроки, установленные соглашением, и обеспечить выпуск " +
            "продукции в объёме, указанном в заявке, в течение трёх лет после завершения проекта.")),
        Stages = Enumerable.Range(0, stages).Select(i => new DecisionStage(
            (StageKind)(i % 3),
            new DateOnly(2027, 1, 1).AddMonths(i * 2),
            new DateOnly(2027, 2, 28).AddMonths(i * 2),
            Share(100_000_000.00m, i, stages),
            Share(25_000_000.00m, i, stages))).ToList(),
        Scores = new DecisionScores(
            82.35m,
            [
                new DecisionCriterion("Технологический уровень и новизна", 8.5m, 10),
                new DecisionCriterion("Значимость для импортозамещения", 9m, 10),
                new DecisionCriterion("Подтверждённый спрос и рынок", 7.5m, 10),
                new DecisionCriterion("Производственные возможности и команда", 8m, 10),
                new DecisionCriterion("Обоснованность бюджета и софинансирование", 8m, 10),
            ],
            [Recommendation.Fund, Recommendation.FundWithChanges]),
        Officers =
        [
            new DecisionOfficer("Подготовил", "Петрова А. С., главный специалист отдела грантов"),
            new DecisionOfficer("Утвердил", "Соколов Д. В., заместитель директора"),
        ],
        VerificationUrl = "https://grants.agency.example/verify/7K3M-Q9TX-2D4F",
        VerificationCode = VerificationCode,
    };

    public static DecisionDocument Rejection() => Approval() with
    {
        Kind = DecisionKind.Reject,
        Amount = null,
        ConditionsOrReasons = "Итоговая оценка ниже порога конкурса; спрос на продукцию не подтверждён письмами предприятий-покупателей.",
    };

    /// <summary>Stage <paramref name="index"/>'s part of <paramref name="total"/> in kopecks, the last taking what is left.</summary>
    private static decimal Share(decimal total, int index, int count)
    {
        var part = Math.Floor(total / count * 100) / 100;
        return index < count - 1 ? part : total - part * (count - 1);
    }
}
