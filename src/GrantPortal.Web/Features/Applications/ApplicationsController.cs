using GrantPortal.Web.Data;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Features.Documents;
using GrantPortal.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace GrantPortal.Web.Features.Applications;

[Authorize(Roles = $"{Roles.Applicant},{Roles.Officer},{Roles.Admin}")]
public sealed class ApplicationsController(ApplicationAccess access, PortalDbContext db, IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("/applications")]
    public async Task<IActionResult> Index(int page, [FromServices] ApplicationList list, CancellationToken cancellationToken) =>
        View(await list.LoadAsync(User, page, cancellationToken));

    [HttpGet("/tasks")]
    public async Task<IActionResult> Tasks([FromServices] TaskList tasks, CancellationToken cancellationToken) =>
        View(await tasks.LoadAsync(User, cancellationToken));

    [Authorize(Roles = Roles.Applicant)]
    [HttpGet("/applications/new")]
    public async Task<IActionResult> New([FromServices] ApplicationList list, [FromServices] TimeProvider clock, CancellationToken cancellationToken) =>
        View(await list.OpenCallsAsync(clock.GetUtcNow().UtcDateTime, cancellationToken));

    [Authorize(Roles = Roles.Applicant)]
    [HttpPost("/applications/new")]
    public async Task<IActionResult> New(Guid callId, [FromServices] CreateApplication create, CancellationToken cancellationToken)
    {
        var (id, error) = await create.CreateAsync(User, callId, cancellationToken);
        if (id is null)
        {
            TempData["Error"] = error!.Message;
            return RedirectToAction(nameof(New));
        }

        return RedirectToAction(nameof(Item), new { id });
    }

    [HttpGet("/applications/{id:guid}")]
    public async Task<IActionResult> Show(Guid id, [FromServices] ApplicationPage page, CancellationToken cancellationToken) =>
        await page.LoadAsync(User, id, cancellationToken) is { } model ? View(model) : NotFound();

    [HttpGet("/applications/{id:guid}/versions/{number:int}")]
    public async Task<IActionResult> Version(Guid id, int number, [FromServices] SubmittedVersions versions, CancellationToken cancellationToken) =>
        await versions.ReadAsync(User, id, number, cancellationToken) is { } model ? View(model) : NotFound();

    /// <remarks>Version numbers that are not numbers are as unknown as numbers with no version: both are 404.</remarks>
    [HttpGet("/applications/{id:guid}/versions/compare")]
    public async Task<IActionResult> Compare(Guid id, int? from, int? to, [FromServices] CompareVersions compare, CancellationToken cancellationToken) =>
        ModelState.IsValid && await compare.CompareAsync(User, id, from, to, cancellationToken) is { } model ? View(model) : NotFound();

    [HttpPost("/applications/{id:guid}/actions/{trigger}")]
    public async Task<IActionResult> Act(
        Guid id, string trigger, int sequence, string idempotencyKey, string? comment, [FromServices] FireApplicationAction action,
        CancellationToken cancellationToken)
    {
        var result = await action.FireAsync(User, id, trigger, sequence, idempotencyKey, comment, cancellationToken);
        if (result is null)
        {
            return NotFound();
        }

        if (result.Value.Succeeded)
        {
            TempData["Message"] = l["Done."].Value;
        }
        else
        {
            TempData["Error"] = string.Join(" ", result.Value.Messages);
        }

        return RedirectToAction(nameof(Show), new { id });
    }

    [Authorize(Roles = Roles.Applicant)]
    [HttpGet("/applications/{id:guid}/item")]
    public Task<IActionResult> Item(Guid id, CancellationToken cancellationToken) =>
        SectionAsync(id, ApplicationSection.Item, ItemForm.From, cancellationToken);

    [Authorize(Roles = Roles.Applicant)]
    [HttpPost("/applications/{id:guid}/item")]
    public Task<IActionResult> Item(Guid id, uint rowVersion, ItemForm form, [FromServices] SaveApplicationSection sections, CancellationToken cancellationToken) =>
        SaveAsync(id, rowVersion, ApplicationSection.Item, form, (content, errors) => form.ApplyTo(content, errors, l), sections, cancellationToken);

    [Authorize(Roles = Roles.Applicant)]
    [HttpGet("/applications/{id:guid}/project")]
    public Task<IActionResult> Project(Guid id, CancellationToken cancellationToken) =>
        SectionAsync(id, ApplicationSection.Project, ProjectForm.From, cancellationToken);

    [Authorize(Roles = Roles.Applicant)]
    [HttpPost("/applications/{id:guid}/project")]
    public Task<IActionResult> Project(Guid id, uint rowVersion, ProjectForm form, [FromServices] SaveApplicationSection sections, CancellationToken cancellationToken) =>
        SaveAsync(id, rowVersion, ApplicationSection.Project, form, (content, _) => form.ApplyTo(content), sections, cancellationToken);

    [Authorize(Roles = Roles.Applicant)]
    [HttpGet("/applications/{id:guid}/stages")]
    public Task<IActionResult> Stages(Guid id, CancellationToken cancellationToken) =>
        SectionAsync(id, ApplicationSection.Stages, StagesForm.From, cancellationToken);

    [Authorize(Roles = Roles.Applicant)]
    [HttpPost("/applications/{id:guid}/stages")]
    public Task<IActionResult> Stages(Guid id, uint rowVersion, StagesForm form, [FromServices] SaveApplicationSection sections, CancellationToken cancellationToken) =>
        SaveAsync(id, rowVersion, ApplicationSection.Stages, form, (content, errors) => form.ApplyTo(content, errors, l), sections, cancellationToken);

    [Authorize(Roles = Roles.Applicant)]
    [HttpGet("/applications/{id:guid}/market")]
    public Task<IActionResult> Market(Guid id, CancellationToken cancellationToken) =>
        SectionAsync(id, ApplicationSection.Market, MarketForm.From, cancellationToken);

    [Authorize(Roles = Roles.Applicant)]
    [HttpPost("/applications/{id:guid}/market")]
    public Task<IActionResult> Market(Guid id, uint rowVersion, MarketForm form, [FromServices] SaveApplicationSection sections, CancellationToken cancellationToken) =>
        SaveAsync(id, rowVersion, ApplicationSection.Market, form, (content, _) => form.ApplyTo(content), sections, cancellationToken);

    [Authorize(Roles = Roles.Applicant)]
    [HttpGet("/applications/{id:guid}/team")]
    public Task<IActionResult> Team(Guid id, CancellationToken cancellationToken) =>
        SectionAsync(id, ApplicationSection.Team, TeamForm.From, cancellationToken);

    [Authorize(Roles = Roles.Applicant)]
    [HttpPost("/applications/{id:guid}/team")]
    public Task<IActionResult> Team(Guid id, uint rowVersion, TeamForm form, [FromServices] SaveApplicationSection sections, CancellationToken cancellationToken) =>
        SaveAsync(id, rowVersion, ApplicationSection.Team, form, (content, _) => form.ApplyTo(content), sections, cancellationToken);

    [Authorize(Roles = Roles.Applicant)]
    [HttpGet("/applications/{id:guid}/documents")]
    public async Task<IActionResult> Documents(Guid id, [FromServices] IOptions<DocumentOptions> options, CancellationToken cancellationToken)
    {
        var application = await access.FindEditableAsync(User, id, cancellationToken);
        if (application is null)
        {
            return NotFound();
        }

        var documents = new DocumentsSection(await db.CurrentDocuments(id).AsNoTracking().ToListAsync(cancellationToken), options.Value);
        return View(await SectionPage.OfAsync(db, application, ApplicationSection.Documents, documents, cancellationToken));
    }

    private async Task<IActionResult> SectionAsync<TForm>(
        Guid id, ApplicationSection section, Func<ApplicationContent, TForm> read, CancellationToken cancellationToken)
    {
        var application = await access.FindEditableAsync(User, id, cancellationToken);
        return application is null
            ? NotFound()
            : View(section.ToString(), await SectionPage.OfAsync(db, application, section, read(application.Content), cancellationToken));
    }

    private async Task<IActionResult> SaveAsync<TForm>(
        Guid id, uint rowVersion, ApplicationSection section, TForm form, Func<ApplicationContent, List<FormError>, ApplicationContent> write,
        SaveApplicationSection sections, CancellationToken cancellationToken)
    {
        var application = await access.FindEditableAsync(User, id, cancellationToken);
        if (application is null)
        {
            return NotFound();
        }

        var errors = ModelState.IsValid ? await sections.SaveAsync(application, rowVersion, write, cancellationToken) : [];
        if (!ModelState.IsValid || errors.Count > 0)
        {
            // The page's inputs are named Form.X; the use case names fields X.
            ModelState.AddErrors(errors.Select(e => e.Field == "" ? e : e with { Field = $"Form.{e.Field}" }));
            return View(section.ToString(), await SectionPage.OfAsync(db, application, section, form, cancellationToken) with { RowVersion = rowVersion });
        }

        TempData["Message"] = l["Saved."].Value;
        var next = section + 1;
        return Enum.IsDefined(next)
            ? RedirectToAction(next.ToString(), new { id })
            : RedirectToAction(nameof(Show), new { id });
    }
}

/// <summary>One page of the application form with what the whole application still lacks, for the progress list.</summary>
public sealed record SectionPage<TForm>(
    Guid Id, string Title, GrantCall Call, uint RowVersion, ApplicationSection Section, TForm Form, IReadOnlyList<ApplicationProblem> Problems);

public static class SectionPage
{
    public static async Task<SectionPage<TForm>> OfAsync<TForm>(
        PortalDbContext db, GrantApplication application, ApplicationSection section, TForm form, CancellationToken cancellationToken) =>
        new(application.Id, application.Title, application.Call!, application.RowVersion, section, form,
            await db.ProblemsOfAsync(application, cancellationToken));
}

/// <summary>The Documents page: what is attached now, and the limits to show before anyone uploads.</summary>
public sealed record DocumentsSection(IReadOnlyList<ApplicationDocument> Documents, DocumentOptions Limits);
