using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GrantPortal.BrowserTests.Features.Applications;

/// <summary>An applicant's steps from "My applications" to a submitted application, shared by the journeys.</summary>
internal static class ApplicationSteps
{
    /// <param name="callTitle">The call to apply to; the first open call when not given.</param>
    public static async Task StartFillAndSubmitAsync(IPage page, string? callTitle = null)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Мои заявки" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Новая заявка" }).ClickAsync();
        await page.Locator("article", new() { HasText = callTitle })
            .GetByRole(AriaRole.Button, new() { Name = "Подать заявку на этот конкурс" }).First.ClickAsync();

        await page.GetByLabel("Импортное изделие").FillAsync("Подшипник роликовый конический");
        await page.GetByLabel("Код ТН ВЭД ЕАЭС (10 цифр)").FillAsync("8482 20 000 9");
        await page.GetByLabel("Страна происхождения").FillAsync("Германия");
        await page.GetByLabel("Текущий иностранный поставщик").FillAsync("Schaeffler AG");
        await page.GetByLabel("Годовой объём импорта (с единицей измерения)").FillAsync("120 000 шт.");
        await page.GetByLabel("Годовая стоимость импорта, руб.").FillAsync("45 000 000,00");
        await SaveAsync(page);

        await page.GetByLabel("Название проекта").FillAsync("Конические подшипники для вагонов");
        await page.GetByLabel("Описание проекта").FillAsync("Разработка, испытания и запуск серийного производства.");
        await page.GetByLabel("Отрасль").SelectOptionAsync("Transport");
        await page.GetByLabel("Уровень готовности технологии сейчас").FillAsync("4");
        await page.GetByLabel("Уровень готовности технологии в конце проекта").FillAsync("8");
        await SaveAsync(page);

        await page.GetByLabel("Вид работ").First.SelectOptionAsync("Prototype");
        await page.Locator("#stage-0-start").FillAsync("2027-02-01");
        await page.Locator("#stage-0-end").FillAsync("2027-09-30");
        await page.Locator("#stage-0-deliverables").FillAsync("Опытный образец");
        await page.GetByLabel("Этап 1, статья 1: наименование").FillAsync("Оснастка");
        await page.GetByLabel("Этап 1, статья 1: грант").FillAsync("8 000 000,00");
        await page.GetByLabel("Этап 1, статья 1: софинансирование").FillAsync("2 000 000,00");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "application-stages.png"), FullPage = true });
        await SaveAsync(page);

        await page.GetByLabel("Плановый годовой объём производства (с единицей измерения)").FillAsync("150 000 шт.");
        await page.GetByLabel("Первые поставки").FillAsync("2028-03-01");
        await page.GetByLabel("Покупатель 1: наименование").FillAsync("АО «Вагонмаш»");
        await page.Locator("#buyer-0-inn").FillAsync("7707083893");
        await page.Locator("#buyer-0-region").SelectOptionAsync("66");
        await page.Locator("#buyer-0-letter").CheckAsync();
        await SaveAsync(page);

        await page.GetByLabel("Команда").FillAsync("Главный конструктор — 20 лет в отрасли.");
        await SaveAsync(page);

        var documents = await AttachDocumentsAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Проверить и подать" }).ClickAsync();
        await Expect(page.GetByText("Заполнено разделов: 6 из 6")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Подать заявку", Exact = true }).ClickAsync();
        await Expect(page.Locator("#application-state")).ToHaveTextAsync("Подана");
        await Expect(page.Locator("#application-documents li")).ToHaveCountAsync(documents);
        await Expect(page.GetByText(new System.Text.RegularExpressions.Regex(@"ATR-20\d\d-\d{6}")).First).ToBeVisibleAsync();
    }

    /// <summary>The number the application got on submission, read from its page.</summary>
    public static async Task<string> NumberAsync(IPage page)
    {
        var text = await page.GetByText(new System.Text.RegularExpressions.Regex(@"ATR-20\d\d-\d{6}")).First.TextContentAsync();
        return text!.Split(' ').First(w => w.StartsWith("ATR-", StringComparison.Ordinal));
    }

    /// <summary>On the Documents page: a renamed program is refused in place; then a PDF for each required document.</summary>
    /// <returns>How many documents were attached: one per type the call requires.</returns>
    private static async Task<int> AttachDocumentsAsync(IPage page)
    {
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Документы", Exact = true })).ToBeVisibleAsync();
        await page.GetByLabel("Файл", new() { Exact = true }).SetInputFilesAsync(new FilePayload
        {
            Name = "business-plan.pdf", MimeType = "application/pdf", Buffer = [0x4D, 0x5A, 0x90, 0, 3, 0, 0, 0],
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Загрузить" }).ClickAsync();
        await Expect(page.Locator("#upload-error")).ToContainTextAsync("Принимаются только файлы PDF, DOCX, XLSX, PNG и JPEG");

        var types = await page.Locator("#typeCode option").EvaluateAllAsync<string[]>("options => options.map(o => o.value).filter(v => v !== 'other')");
        foreach (var type in types)
        {
            await page.GetByLabel("Какой это документ?").SelectOptionAsync(type);
            await page.GetByLabel("Файл", new() { Exact = true }).SetInputFilesAsync(new FilePayload
            {
                Name = $"{type}.pdf", MimeType = "application/pdf", Buffer = System.Text.Encoding.ASCII.GetBytes($"%PDF-1.4\n% {type}\n%%EOF\n"),
            });
            await page.GetByRole(AriaRole.Button, new() { Name = "Загрузить" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Файл приложен.");
            await Expect(page.Locator("#documents").GetByRole(AriaRole.Link, new() { Name = $"{type}.pdf" })).ToBeVisibleAsync();
        }

        await Expect(page.Locator("#required-documents .bi-circle")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "application-documents.png"), FullPage = true });
        return types.Length;
    }

    private static async Task SaveAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Сохранить и продолжить" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Сохранено.");
    }
}
