using GrantPortal.Testing;
using GrantPortal.Web.Data;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Features.Demo;
using GrantPortal.Workflows.Persistence;
using GrantPortal.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static GrantPortal.Web.Tests.Features.Applications.ApplicationForms;
using static GrantPortal.Web.Tests.Features.Reviews.ReviewSteps;

namespace GrantPortal.Web.Tests.Features.Decisions;

/// <summary>Applications brought to the decision step, the way officers and experts get them there, and copies of them.</summary>
internal static class DecisionSteps
{
    /// <summary>An application of the first demo company through review to the decision step.</summary>
    public static async Task<(Guid Id, HttpClient Officer)> InDecisionAsync(PortalAppFactory app, string grant = "8 000 000,00", string coFinancing = "2 000 000,00")
    {
        var applicant = await app.SignedInClientAsync("applicant1@grantportal.test", DemoData.Password);
        var id = await CreateDraftAsync(applicant);
        await FillCompletelyAsync(applicant, id, grant, coFinancing);
        await ActAsync(applicant, id, "submit");
        var officer = await app.SignedInClientAsync("officer1@grantportal.test", DemoData.Password);
        await ActAsync(officer, id, "startFormalCheck");
        await officer.SubmitFormAsync($"/applications/{id}/experts",
            GrantPortal.Web.Features.Reviews.FormalChecklist.Items.Select(i => new KeyValuePair<string, string>("confirmed", i.Code)),
            $"form[action='/applications/{id}/formal-check']");
        await AssignAsync(app, officer, id, "expert1@grantportal.test", "expert2@grantportal.test");
        await AcceptAndScoreAsync(app, id, "expert1@grantportal.test", 8);
        await AcceptAndScoreAsync(app, id, "expert2@grantportal.test", 7);
        await ActAsync(officer, id, "startDecision");
        Assert.Equal("Принятие решения", await StateAsync(officer, id));
        return (id, officer);
    }

    /// <summary>Copies of an application, in another call, each with its own workflow put straight into <paramref name="state"/>.</summary>
    public static async Task<List<Guid>> CopiesAsync(PortalAppFactory app, Guid templateId, Guid callId, int count, string state)
    {
        var ids = new List<Guid>();
        await app.WithServicesAsync(async services =>
        {
            var db = services.GetRequiredService<PortalDbContext>();
            var runtime = services.GetRequiredService<WorkflowRuntime>();
            var template = await db.Applications.AsNoTracking().SingleAsync(a => a.Id == templateId);
            for (var i = 0; i < count; i++)
            {
                var copy = new GrantApplication
                {
                    Id = Guid.NewGuid(), CallId = callId, CompanyId = template.CompanyId, CreatedById = template.CreatedById,
                    Number = $"COPY-{Guid.NewGuid():N}"[..20], CreatedAt = DateTime.UtcNow,
                };
                copy.Write(template.Content, DateTime.UtcNow);
                db.Applications.Add(copy);
                await db.SaveChangesAsync();
                await runtime.StartAsync("component-substitution-grant", copy.Id.ToString(), WorkflowActor.System);
                ids.Add(copy.Id);
            }

            var subjects = ids.Select(x => x.ToString()).ToList();
            await db.Set<WorkflowInstance>().Where(w => subjects.Contains(w.SubjectId)).ExecuteUpdateAsync(u => u.SetProperty(w => w.State, state));
            await db.Applications.Where(a => ids.Contains(a.Id)).ExecuteUpdateAsync(u => u.SetProperty(a => a.State, state).SetProperty(a => a.SubmittedAt, DateTime.UtcNow));
        });
        return ids;
    }

    /// <summary>A copy of the demo call with a grant limit of 8 000 000 ₽ and the given budget.</summary>
    public static async Task<Guid> NewCallAsync(PortalDbContext db, decimal totalBudget)
    {
        var call = await db.Calls.AsNoTracking().SingleAsync(c => c.Id == DemoData.CallId);
        call.Id = Guid.NewGuid();
        call.MaxGrant = 8_000_000.00m;
        call.TotalBudget = totalBudget;
        db.Calls.Add(call);
        await db.SaveChangesAsync();
        return call.Id;
    }

    public static Task<HttpResponseMessage> DecideAsync(PortalAppFactory app, HttpClient officer, Guid id, string action, Dictionary<string, string> fields) =>
        FieldsAsync(app, officer, id, fields).ContinueWith(f => officer.PostAsync($"/applications/{id}/decision/{action}", f.Result)).Unwrap();

    /// <summary>The form fields the decision panel posts: the token, the sequence the page showed, a fresh key.</summary>
    public static async Task<FormUrlEncodedContent> FieldsAsync(PortalAppFactory app, HttpClient officer, Guid id, Dictionary<string, string> fields)
    {
        var token = (await officer.GetDocumentAsync("/")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var subject = id.ToString();
        var sequence = await app.WithDbAsync(db => db.Set<WorkflowInstance>().Where(i => i.SubjectId == subject).Select(i => i.Sequence).SingleAsync());
        fields["__RequestVerificationToken"] = token;
        fields["sequence"] = sequence.ToString();
        fields["idempotencyKey"] = Guid.NewGuid().ToString();
        return new FormUrlEncodedContent(fields);
    }
}
