namespace GrantPortal.Web.Features.Admin;

public static class AdminExtensions
{
    public static void AddPortalAdmin(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<UserList>();
        builder.Services.AddScoped<UserDetailsQuery>();
        builder.Services.AddScoped<ChangeUserRoles>();
        builder.Services.AddScoped<UnlockUser>();
        builder.Services.AddScoped<InviteUser>();
        builder.Services.AddScoped<JobsOverview>();
    }
}
