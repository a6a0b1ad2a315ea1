namespace GrantPortal.Web.Features.Calls;

public static class CallsExtensions
{
    public static void AddPortalCalls(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CallList>();
        builder.Services.AddScoped<CallFormReader>();
        builder.Services.AddScoped<CreateCall>();
        builder.Services.AddScoped<EditCall>();
    }
}
