using GrantPortal.Web.Data;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Infrastructure.Localization;
using GrantPortal.Workflows.Definitions;
using GrantPortal.Workflows.Diagrams;
using GrantPortal.Workflows.Persistence;
using GrantPortal.Workflows.Runtime;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace GrantPortal.Web.Features.Admin;

/// <summary>The workflows the app runs, drawn and listed, so staff can see the rules without reading JSON.</summary>
[Authorize(Roles = $"{Roles.Admin},{Roles.Officer}")]
public sealed class WorkflowsController(WorkflowCatalog catalog, WorkflowHandlers handlers, PortalDbContext db) : Controller
{
    [HttpGet("/admin/workflows")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var running = await db.Set<WorkflowInstance>().Where(i => !i.IsFinished)
            .GroupBy(i => i.DefinitionId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return View(catalog.Latest.OrderBy(d => d.Id)
            .Select(d => new WorkflowSummary(d, running.GetValueOrDefault(d.Id)))
            .ToList());
    }

    [HttpGet("/admin/workflows/{id}")]
    public IActionResult Details(string id)
    {
        var definition = catalog.Latest.FirstOrDefault(d => d.Id == id);
        if (definition is null)
        {
            return NotFound();
        }

        var svg = WorkflowDiagram.ToSvg(definition, LocalizationExtensions.CurrentLanguage);
        return View(new WorkflowDetails(definition, svg, handlers.Pending));
    }
}

public sealed record WorkflowSummary(WorkflowDefinition Definition, int RunningInstances);

/// <param name="Svg">Rendered by the engine, which escapes every name it writes.</param>
public sealed record WorkflowDetails(WorkflowDefinition Definition, string Svg, IReadOnlySet<string> PendingSteps);
