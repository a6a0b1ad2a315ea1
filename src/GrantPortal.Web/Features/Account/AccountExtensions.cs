using GrantPortal.Web.Data;
using GrantPortal.Web.Domain;
using Microsoft.AspNetCore.Identity;

namespace GrantPortal.Web.Features.Account;

public static class AccountExtensions
{
    public static void AddPortalIdentity(this WebApplicationBuilder builder)
    {
        builder.Services
            .AddIdentity<PortalUser, IdentityRole<Guid>>(options =>
            {
                options.SignIn.RequireConfirmedEmail = true;
                options.User.RequireUniqueEmail = true;
                // Length matters more than composition (NIST SP 800-63B); one digit and mixed case keep the worst out.
                options.Password.RequiredLength = 10;
                options.Password.RequiredUniqueChars = 5;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireDigit = true;
                options.Password.RequireLowercase = true;
                options.Password.RequireUppercase = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
            })
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>()
            .AddClaimsPrincipalFactory<PortalClaimsPrincipalFactory>();
        builder.Services.AddScoped<AccountEmails>();
        builder.Services.AddScoped<TwoFactorAuthentication>();
        builder.Services.AddScoped<AcceptInvitation>();
        builder.Services.AddScoped<InviteAccount>();

        // A role change or a lockout by an admin reaches the person's other sessions within a minute.
        builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        builder.Services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/account/login";
            options.LogoutPath = "/account/logout";
            options.AccessDeniedPath = "/account/access-denied";
            options.Cookie.Name = "GrantPortal.Auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.SlidingExpiration = true;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
        });
    }
}
