using GrantPortal.Web.Data;
using GrantPortal.Web.Domain;
using GrantPortal.Workflows.Definitions;
using GrantPortal.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace GrantPortal.Web.Infrastructure.Workflows;

public static class WorkflowsExtensions
{
    /// <summary>
    /// Registers the engine over the app's database context, with the app's guards, effects and date sources, and
    /// the definitions in <c>Workflows:Directory</c> (default: the <c>workflows</c> folder copied beside the app).
    /// </summary>
    public static void AddPortalWorkflows(this WebApplicationBuilder builder)
    {
        var directory = builder.Configuration["Workflows:Directory"] ?? Path.Combine(AppContext.BaseDirectory, "workflows");
        builder.Services.AddScoped<DbContext>(sp => sp.GetRequiredService<PortalDbContext>());
        builder.Services.AddSingleton<IWorkflowGuard, CommentGiven>();
        builder.Services.AddSingleton(sp => new WorkflowHandlers(
            sp.GetServices<IWorkflowGuard>(), sp.GetServices<IWorkflowEffect>(), sp.GetServices<IWorkflowDateSource>()));
        builder.Services.AddSingleton(sp => new WorkflowCatalog(
            ReadDefinitionFiles(directory), sp.GetRequiredService<WorkflowHandlers>().Vocabulary(Roles.All)));
        builder.Services.AddScoped<WorkflowRuntime>();
    }

    /// <summary>Loads and checks every definition now, so a faulty file stops start-up rather than a transition later.</summary>
    /// <exception cref="WorkflowDefinitionException">A definition is malformed or inconsistent.</exception>
    public static void LoadPortalWorkflows(this WebApplication app) => app.Services.GetRequiredService<WorkflowCatalog>();

    private static IEnumerable<(string FileName, string Content)> ReadDefinitionFiles(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new WorkflowDefinitionException(directory, "(folder)", "the workflow definitions folder does not exist.");
        }

        return Directory.EnumerateFiles(directory, "*.json")
            .Where(f => Path.GetFileName(f) != WorkflowDefinitionLoader.SchemaFileName)
            .Order(StringComparer.Ordinal)
            .Select(f => (Path.GetFileName(f), File.ReadAllText(f)))
            .ToList();
    }
}
