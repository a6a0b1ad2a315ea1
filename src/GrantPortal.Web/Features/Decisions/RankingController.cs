using GrantPortal.Web.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace GrantPortal.Web.Features.Decisions;

/// <summary>The officer's ranking of a call's reviewed applications against its budget, on screen and as CSV.</summary>
[Authorize(Roles = $"{Roles.Officer},{Roles.Admin}")]
public sealed class RankingController(CallRanking ranking, IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("/officer/calls/{callId:guid}/ranking")]
    public async Task<IActionResult> Index(Guid callId, int? page, CancellationToken cancellationToken) =>
        await ranking.LoadAsync(callId, page ?? 1, cancellationToken) is { } model ? View(model) : NotFound();

    [HttpGet("/officer/calls/{callId:guid}/ranking.csv")]
    public async Task<IActionResult> Csv(Guid callId, CancellationToken cancellationToken) =>
        await ranking.LoadAsync(callId, page: null, cancellationToken) is { } model
            ? File(RankingExport.ToCsv(model, l), "text/csv; charset=utf-8", $"ranking-{model.Call.Id:N}.csv")
            : NotFound();
}
