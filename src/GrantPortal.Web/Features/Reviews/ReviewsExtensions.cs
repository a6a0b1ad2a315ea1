using GrantPortal.Workflows.Runtime;

namespace GrantPortal.Web.Features.Reviews;

public static class ReviewsExtensions
{
    public static void AddPortalReviews(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ExpertPool>();
        builder.Services.AddScoped<FormalChecklist>();
        builder.Services.AddScoped<AssignExperts>();
        builder.Services.AddScoped<ExpertReviews>();
        builder.Services.AddScoped<ReviewBoard>();
        builder.Services.AddScoped<ExpertPoolList>();
        builder.Services.AddScoped<EditExpertProfile>();

        builder.Services.AddSingleton<IWorkflowGuard, FormalCheckPassed>();
        builder.Services.AddSingleton<IWorkflowGuard, ExpertsAssigned>();
        builder.Services.AddSingleton<IWorkflowGuard, AllReviewsSubmitted>();
        builder.Services.AddSingleton<IWorkflowGuard, ScoresWithinDivergence>();
        builder.Services.AddSingleton<IWorkflowGuard, SubmittedReviewChosen>();
        builder.Services.AddSingleton<IWorkflowEffect, CreateReviewTasks>();
        builder.Services.AddSingleton<IWorkflowEffect, ReopenReview>();
        builder.Services.AddSingleton<IWorkflowEffect, ComputeScores>();
        builder.Services.AddSingleton<IWorkflowEffect, NotifyExperts>();
        builder.Services.AddSingleton<IWorkflowEffect, RemindReviewers>();
        builder.Services.AddSingleton<IWorkflowDateSource, ReviewDueAt>();
    }
}
