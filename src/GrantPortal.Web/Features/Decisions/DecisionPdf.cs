using System.Globalization;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Features.Calls;
using GrantPortal.Web.Features.Reviews;
using GrantPortal.Web.Infrastructure.Localization;
using GrantPortal.Web.Infrastructure.Pdf;
using Microsoft.Extensions.Localization;
using PdfSharp.Drawing;

namespace GrantPortal.Web.Features.Decisions;

/// <summary>
/// The decision letter as a PDF (DOMAIN.md, "The decision document"): in Russian, whatever the language of the
/// person who issues it, because it is the agency's legal document; the texts still come from the resources so
/// that an English copy is a matter of the culture chosen here.
/// </summary>
public sealed class DecisionPdf(IStringLocalizer<SharedResource> l)
{
    private const double QrSize = 96; // points, about 34 mm: a phone reads it from arm's length

    /// <exception cref="ArgumentException">An approval without an amount, or a rejection with one.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The amount is negative or has fractions of a kopeck.</exception>
    public byte[] Render(DecisionDocument decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if ((decision.Kind == DecisionKind.Approve) != decision.Amount.HasValue)
        {
            throw new ArgumentException("An approval states its amount and a rejection states none.", nameof(decision));
        }

        using var _ = new CultureScope("ru");
        var date = Formats.Date(DateOnly.FromDateTime(Formats.ToMoscow(decision.DecidedAtUtc)));
        var numberAndDate = l["No. {0} of {1}", decision.Number, date];
        using var pdf = new PdfComposer(new PdfPageFrame(
            decision.AgencyName,
            l["Decision {0}", numberAndDate],
            l["Verification code: {0}", decision.VerificationCode],
            l["Page {0} of {1}"]));

        pdf.Paragraph(decision.AgencyName, pdf.Bold, PdfAlign.Center);
        pdf.Space(8);
        pdf.Title(l["Decision"].Value.ToUpper(CultureInfo.CurrentCulture));
        pdf.Paragraph(decision.Kind == DecisionKind.Approve ? l["on awarding a grant"] : l["on refusing a grant"], PdfAlign.Center);
        pdf.Paragraph(numberAndDate, PdfAlign.Center);

        pdf.Heading(l["Applicant"]);
        pdf.KeyValue(l["Legal name"], decision.Applicant.Name);
        pdf.KeyValue(l["INN"], decision.Applicant.Inn);
        pdf.KeyValue(l["OGRN"], decision.Applicant.Ogrn);
        pdf.KeyValue(l["Region"], decision.Applicant.Region);

        pdf.Heading(l["Project"]);
        pdf.KeyValue(l["Project title"], decision.ProjectTitle);
        pdf.KeyValue(l["Imported item"], decision.ImportedItem);
        pdf.KeyValue(l["TN VED code"], decision.TnVedCode);

        pdf.Heading(l["Decision"]);
        if (decision.Amount is { } amount)
        {
            pdf.Paragraph(l["To award the applicant a grant of {0} ({1}).", Formats.Roubles(amount), RoublesInWords.Of(amount)]);
        }
        else
        {
            pdf.Paragraph(l["To refuse the applicant a grant."]);
        }

        if (!string.IsNullOrWhiteSpace(decision.ConditionsOrReasons))
        {
            pdf.Heading(decision.Kind == DecisionKind.Approve ? l["Conditions"] : l["Reasons"]);
            pdf.Paragraph(decision.ConditionsOrReasons.Trim());
        }

        if (decision.Stages.Count > 0)
        {
            Stages(pdf, decision.Stages);
        }

        if (decision.Scores is { } scores)
        {
            Scores(pdf, scores);
        }

        if (decision.Officers.Count > 0)
        {
            pdf.Heading(l["Decided by"]);
            foreach (var officer in decision.Officers)
            {
                pdf.KeyValue(officer.Role, officer.Name);
            }
        }

        pdf.Space(10);
        Verification(pdf, decision);
        return pdf.Save(new PdfDocumentMetadata(l["Decision {0}", numberAndDate], decision.AgencyName, decision.DecidedAtUtc, decision.Number));
    }

    private void Stages(PdfComposer pdf, IReadOnlyList<DecisionStage> stages)
    {
        pdf.Heading(l["Stage schedule"]);
        pdf.Table(
            [
                // Widths for 9-point DejaVu: dates, "100 000 000,00 ₽" and the word "Софинансирование" each fit on one line.
                new PdfColumn(l["No."], 0.5, PdfAlign.Right),
                new PdfColumn(l["Kind of work"], 2.6),
                new PdfColumn(l["Start"], 1.4),
                new PdfColumn(l["End"], 1.4),
                new PdfColumn(l["Grant"], 2.1, PdfAlign.Right),
                new PdfColumn(l["Co-financing"], 2.3, PdfAlign.Right),
            ],
            stages.Select((stage, i) => (IReadOnlyList<string>)
            [
                (i + 1).ToString(CultureInfo.InvariantCulture), CallLabels.Of(l, stage.Kind), Formats.Date(stage.Start), Formats.Date(stage.End),
                Formats.Roubles(stage.Grant), Formats.Roubles(stage.CoFinancing),
            ]),
            ["", l["Total"], "", "", Formats.Roubles(stages.Sum(s => s.Grant)), Formats.Roubles(stages.Sum(s => s.CoFinancing))]);
    }

    private void Scores(PdfComposer pdf, DecisionScores scores)
    {
        pdf.Heading(l["Expert review summary"]);
        pdf.Paragraph(l["Score {0} of 100", Number(scores.Overall)]);
        if (scores.Criteria.Count > 0)
        {
            pdf.Table(
                [new PdfColumn(l["Criterion"], 6), new PdfColumn(l["Mean score"], 2, PdfAlign.Right), new PdfColumn(l["Maximum score"], 2, PdfAlign.Right)],
                scores.Criteria.Select(c => (IReadOnlyList<string>)[c.Name, Number(c.Mean), Number(c.Max)]));
        }

        for (var i = 0; i < scores.Recommendations.Count; i++)
        {
            pdf.KeyValue(l["Expert {0}", i + 1], ReviewLabels.Of(l, scores.Recommendations[i]));
        }
    }

    private void Verification(PdfComposer pdf, DecisionDocument decision)
    {
        var textWidth = pdf.ContentWidth - QrSize - 12;
        var intro = pdf.Wrap(l["To check that this decision is genuine, scan the QR code or open the address below."], pdf.Body, textWidth);
        var url = pdf.Wrap(decision.VerificationUrl, pdf.Body, textWidth);
        var code = pdf.Wrap(l["Verification code: {0}", decision.VerificationCode], pdf.Bold, textWidth);
        pdf.Block(QrSize, (graphics, area) =>
        {
            PdfComposer.DrawQrCode(graphics, decision.VerificationUrl, new XRect(area.X, area.Y, QrSize, QrSize));
            var text = new XRect(area.X + QrSize + 12, area.Y + 10, textWidth, area.Height);
            text.Y += PdfComposer.DrawLines(graphics, intro, pdf.Body, XBrushes.Black, text) + 4;
            text.Y += PdfComposer.DrawLines(graphics, url, pdf.Body, XBrushes.DarkBlue, text) + 4;
            PdfComposer.DrawLines(graphics, code, pdf.Bold, XBrushes.Black, text);
        });
    }

    private static string Number(decimal value) => value.ToString("0.##", CultureInfo.CurrentCulture);
}
